import { describe, expect, it } from 'vitest';
import { CATEGORY_RULES, categorize, FALLBACK_CATEGORY } from './categories';
import { collectionOf, HOUSE_COLLECTION } from './collections';
import { isRepeatable, tagsOf } from './tags';

describe('categorize', () => {
  it.each([
    ['WHITE HANGING HEART T-LIGHT HOLDER', 'Home & Living > Candles & Lights'],
    ['RED RETROSPOT CHARLOTTE BAG', 'Bags > Shoppers & Totes'],
    ['LUNCH BAG SPACEBOY DESIGN', 'Bags > Lunch Bags & Boxes'],
    ['PACK OF 72 RETROSPOT CAKE CASES', 'Kitchen > Baking'],
    ['REGENCY CAKESTAND 3 TIER', 'Kitchen > Tableware'],
    ['KNITTED UNION FLAG HOT WATER BOTTLE', 'Home & Living > Cushions & Textiles'],
    ['SET/2 RED RETROSPOT TEA TOWELS', 'Kitchen > Tea Towels & Aprons'],
    ['CHILDRENS DOLLY GIRL MUG', 'Kitchen > Mugs & Cups'],
    ['SET/5 RED RETROSPOT LID GLASS BOWLS', 'Kitchen > Tableware'],
    ['ANTIQUE SILVER TEA GLASS ENGRAVED', 'Kitchen > Mugs & Cups'],
    ['PARTY BUNTING', 'Party > Party Supplies'],
    ['WRAP GREEN PEARS', 'Stationery > Wrap & Cards'],
    ['MINI PLAYING CARDS SPACEBOY', 'Toys & Games > Games & Puzzles'],
    ['HOME SWEET HOME METAL SIGN', 'Home & Living > Signs & Wall Art'],
    ['DOORMAT FAIRY CAKE', 'Home & Living > Doormats'],
    ['GARDENERS KNEELING PAD KEEP CALM', 'Kitchen > Tea Towels & Aprons'],
    ['HERB MARKER BASIL', 'Garden > Garden & Outdoor'],
    ['PLASTERS IN TIN CIRCUS PARADE', 'Bath & Beauty > Bath & Body'],
  ])('%s → %s', (description, path) => {
    expect(categorize(description).join(' > ')).toBe(path);
  });

  it('puts seasonal ranges first: a Christmas product is Christmas whatever the object', () => {
    expect(categorize('50\'S CHRISTMAS GIFT BAG LARGE')).toEqual(['Christmas', 'Wrap & Cards']);
    expect(categorize('CHRISTMAS LIGHTS 10 REINDEER')).toEqual(['Christmas', 'Lights & Candles']);
    expect(categorize('ROCKING HORSE RED CHRISTMAS')).toEqual(['Christmas', 'Decorations']);
  });

  it('matches whole words only ("CARDHOLDER" is not a card, "TINSEL" not a tin)', () => {
    expect(categorize('TINSEL')).toEqual(FALLBACK_CATEGORY);
  });

  it('is case-insensitive and falls back to Gifts for unknown objects', () => {
    expect(categorize('white metal lantern')).toEqual(['Home & Living', 'Candles & Lights']);
    expect(categorize('SOMBRERO')).toEqual(FALLBACK_CATEGORY);
  });

  it('takes the first matching rule of the table, so order decides', () => {
    const rules = [{ all: [/MUG/], path: ['A', 'Mugs'] as [string, string] }, { all: [/MUG/], path: ['B', 'Never'] as [string, string] }];
    expect(categorize('TEA MUG', rules)).toEqual(['A', 'Mugs']);
    expect(CATEGORY_RULES.length).toBeGreaterThan(20);
  });
});

describe('collectionOf', () => {
  it('names the design range, preferring specific ranges over generic styles', () => {
    expect(collectionOf('RED RETROSPOT CHARLOTTE BAG')).toBe('Retrospot');
    expect(collectionOf('LUNCH BAG VINTAGE DOILY')).toBe('Vintage Doily');
    expect(collectionOf('VINTAGE UNION JACK APRON')).toBe('Union Jack');
    expect(collectionOf('REGENCY CAKESTAND 3 TIER')).toBe('Regency');
    expect(collectionOf('TOMATO CHARLIE+LOLA COASTER SET')).toBe('Charlie & Lola');
    expect(collectionOf('VINTAGE BILLBOARD LOVE/HATE MUG')).toBe('Vintage');
  });

  it('gives the house collection to products of no range', () => {
    expect(collectionOf('WHITE METAL LANTERN')).toBe(HOUSE_COLLECTION);
  });
});

describe('tagsOf / isRepeatable', () => {
  it('reads colour, material, motif and pack size', () => {
    expect(tagsOf('SET OF 3 RED RETROSPOT CAKE TINS')).toEqual(['red', 'metal', 'spots', 'multipack']);
    expect(tagsOf('WOODEN HEART CHRISTMAS SCANDINAVIAN')).toEqual(['wood', 'hearts']);
    expect(tagsOf('PLAIN THING')).toEqual([]);
  });

  it('treats consumables as repeatable and durables as not', () => {
    expect(isRepeatable('PACK OF 72 RETROSPOT CAKE CASES')).toBe(true);
    expect(isRepeatable('SET OF 20 VINTAGE CHRISTMAS NAPKINS')).toBe(true);
    expect(isRepeatable('REGENCY CAKESTAND 3 TIER')).toBe(false);
  });
});
