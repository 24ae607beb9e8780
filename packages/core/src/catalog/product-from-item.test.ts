import { describe, expect, it } from 'vitest';
import { categoryFromItem, productFromItem } from './product-from-item';

describe('productFromItem', () => {
  it('maps GA4 item_category..item_category5 to a category path', () => {
    expect(
      categoryFromItem({ item_id: 'a', item_category: 'Apparel', item_category2: 'Shoes', item_category3: 'Running', item_category5: 'Trail' }),
    ).toEqual(['Apparel', 'Shoes', 'Running', 'Trail']);
  });

  it('splits a whole path put into item_category', () => {
    expect(categoryFromItem({ item_id: 'a', item_category: 'Apparel/Shoes > Running' })).toEqual(['Apparel', 'Shoes', 'Running']);
  });

  it('turns a discount into a list price', () => {
    expect(productFromItem({ item_id: 'p1', item_name: 'Pegasus 40', item_brand: 'Nike', price: 99, discount: 21 })).toEqual({
      id: 'p1',
      title: 'Pegasus 40',
      brand: 'Nike',
      price: 99,
      listPrice: 120,
    });
  });
});
