import { describe, expect, it } from 'vitest';
import { parseCsvLine } from './csv';

describe('parseCsvLine', () => {
  it('reads quoted fields holding commas, unquoted numbers and empty fields', () => {
    expect(parseCsvLine('"536365","22139","PAPER CRAFT , LITTLE BIRDIE",6,"2010-12-01 08:26:00",2.55,,"United Kingdom"')).toEqual([
      '536365', '22139', 'PAPER CRAFT , LITTLE BIRDIE', '6', '2010-12-01 08:26:00', '2.55', '', 'United Kingdom',
    ]);
  });

  it('turns doubled quotes into one quote', () => {
    expect(parseCsvLine('"A ""BIG"" MUG",1')).toEqual(['A "BIG" MUG', '1']);
  });

  it('keeps a trailing empty field', () => {
    expect(parseCsvLine('a,b,')).toEqual(['a', 'b', '']);
  });

  it('reports an unterminated quote so the caller can join the next line', () => {
    expect(parseCsvLine('"1","TWO LINE')).toBeUndefined();
    expect(parseCsvLine('"1","TWO LINE\nDESCRIPTION",3')).toEqual(['1', 'TWO LINE\nDESCRIPTION', '3']);
  });
});
