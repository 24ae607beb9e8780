import { beforeEach, describe, expect, it } from 'vitest';
import { clearCart, quantityOf, readCart, setCoupon, setQuantity } from './cart';

describe('cart', () => {
  beforeEach(() => {
    localStorage.clear();
    clearCart();
  });

  it('adds, changes and removes lines, keeping the order items were added in', () => {
    setQuantity('a', 1);
    setQuantity('b', 2);
    setQuantity('a', 3);
    expect(readCart().lines).toEqual([{ id: 'a', quantity: 3 }, { id: 'b', quantity: 2 }]);
    setQuantity('a', 0);
    expect(readCart().lines).toEqual([{ id: 'b', quantity: 2 }]);
    expect(quantityOf('b')).toBe(2);
    expect(quantityOf('a')).toBe(0);
  });

  it('survives a reload (localStorage) and caps silly quantities', () => {
    setQuantity('a', 1000);
    expect(JSON.parse(localStorage.getItem('demo-store.cart')!).lines).toEqual([{ id: 'a', quantity: 99 }]);
    setQuantity('a', -5);
    expect(readCart().lines).toEqual([]);
  });

  it('reads a corrupt stored cart as empty instead of failing', () => {
    localStorage.setItem('demo-store.cart', '{not json');
    expect(readCart()).toEqual({ lines: [] });
    localStorage.setItem('demo-store.cart', JSON.stringify({ lines: [{ id: 'x', quantity: 'many' }, { id: 'y', quantity: 2 }] }));
    expect(readCart().lines).toEqual([{ id: 'y', quantity: 2 }]);
  });

  it('stores the coupon code trimmed but otherwise as issued (signed codes are case-sensitive), and removes it with an empty code', () => {
    setQuantity('a', 1);
    setCoupon('  welcome10.AbCdEfGh12.mxhq1jzf.Ab-_cdefghijklmnopqrstu ');
    expect(readCart().coupon).toBe('welcome10.AbCdEfGh12.mxhq1jzf.Ab-_cdefghijklmnopqrstu');
    setCoupon('');
    expect(readCart()).toEqual({ lines: [{ id: 'a', quantity: 1 }] });
  });
});
