import { describe, expect, it } from 'vitest';
import { parseCatalog, parseCsv } from './catalog-import';

describe('catalog import', () => {
  it('reads CSV with paths, lists, numbers and quoted cells', () => {
    const csv = [
      '\uFEFFid,title,price,category,tags,stock,repeatable,brand',
      'a,"Trail shoe, waterproof",89.90,Shoes > Running,trail|waterproof,3,false,Acme',
      'b,"Say ""hi"" mug",12,Home,,,,',
      '',
    ].join('\r\n');
    expect(parseCatalog(csv, 'csv')).toEqual({
      products: [
        { id: 'a', title: 'Trail shoe, waterproof', price: 89.9, category: ['Shoes', 'Running'], tags: ['trail', 'waterproof'], stock: 3, repeatable: false, brand: 'Acme' },
        { id: 'b', title: 'Say "hi" mug', price: 12, category: ['Home'] },
      ],
      rejected: [],
    });
  });

  it('refuses bad rows one by one, naming the field, and keeps the good ones', () => {
    const csv = 'id,price,currency\na,10,EUR\nb,ten,EUR\nc,5,euro\n,1,EUR';
    const { products, rejected } = parseCatalog(csv, 'csv');
    expect(products.map((p) => p.id)).toEqual(['a']);
    expect(rejected.map((r) => [r.index, r.field])).toEqual([
      [1, 'price'],
      [2, 'currency'],
      [3, 'id'],
    ]);
  });

  it('reads JSON arrays and { products } objects', () => {
    expect(parseCatalog('[{"id":"a","price":1}]', 'json').products).toEqual([{ id: 'a', price: 1 }]);
    expect(parseCatalog('{"products":[{"id":"a","tags":[]}]}', 'json').products).toEqual([{ id: 'a' }]);
    expect(() => parseCatalog('{"items":1}', 'json')).toThrow(/array of products/);
    expect(() => parseCatalog('[', 'json')).toThrow(/not valid JSON/);
    expect(() => parseCatalog('title\nx', 'csv')).toThrow(/"id" column/);
  });

  it('keeps newlines inside quoted CSV cells', () => {
    expect(parseCsv('a,b\n"x\ny",z')).toEqual([['a', 'b'], ['x\ny', 'z']]);
  });
});
