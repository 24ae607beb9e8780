import { useEffect, useState } from 'preact/hooks';

/** One cart line: a product id and how many. */
export interface CartLine {
  id: string;
  quantity: number;
}

/** The shopper's cart, kept in localStorage like most stores' guest carts. */
export interface Cart {
  lines: CartLine[];
  /** A coupon code the shopper entered; validated by the server at checkout. */
  coupon?: string;
}

const KEY = 'demo-store.cart';
const MAX_QUANTITY = 99;
const listeners = new Set<(cart: Cart) => void>();

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // blocked storage (privacy modes): the cart lives for the page only
  }
}

let memory: Cart = { lines: [] };

/** Reads the cart; a corrupt or foreign value gives an empty cart, never an exception. */
export function readCart(): Cart {
  const raw = storage()?.getItem(KEY);
  if (raw == null) return memory;
  try {
    const parsed = JSON.parse(raw) as Partial<Cart>;
    const lines = (Array.isArray(parsed.lines) ? parsed.lines : [])
      .filter((l): l is CartLine => !!l && typeof l.id === 'string' && Number.isInteger(l.quantity) && l.quantity > 0)
      .map((l) => ({ id: l.id, quantity: Math.min(l.quantity, MAX_QUANTITY) }));
    return typeof parsed.coupon === 'string' && parsed.coupon ? { lines, coupon: parsed.coupon } : { lines };
  } catch {
    return { lines: [] };
  }
}

function write(cart: Cart): Cart {
  memory = cart;
  try {
    storage()?.setItem(KEY, JSON.stringify(cart));
  } catch {
    // Quota or blocked storage: keep the in-memory copy.
  }
  listeners.forEach((l) => l(cart));
  return cart;
}

/**
 * Sets a product's quantity (0 removes the line); new products go to the end of the cart.
 *
 * @example setQuantity('85123A', 2)
 */
export function setQuantity(id: string, quantity: number): Cart {
  const cart = readCart();
  const q = Math.max(0, Math.min(MAX_QUANTITY, Math.floor(quantity)));
  const exists = cart.lines.some((l) => l.id === id);
  const lines = q === 0
    ? cart.lines.filter((l) => l.id !== id)
    : exists
      ? cart.lines.map((l) => (l.id === id ? { id, quantity: q } : l))
      : [...cart.lines, { id, quantity: q }];
  return write({ ...cart, lines });
}

/** Quantity of a product in the cart (0 when absent). */
export function quantityOf(id: string, cart: Cart = readCart()): number {
  return cart.lines.find((l) => l.id === id)?.quantity ?? 0;
}

/**
 * Stores (or with an empty string, removes) the coupon code, exactly as issued: Affinity's codes
 * are signed, so changing the case or cutting one makes it invalid.
 */
export function setCoupon(code: string): Cart {
  const { coupon: _, ...rest } = readCart();
  const clean = code.trim().slice(0, 200);
  return write(clean ? { ...rest, coupon: clean } : rest);
}

/** Empties the cart (after a purchase). */
export function clearCart(): Cart {
  return write({ lines: [] });
}

/**
 * The cart, re-rendering on every change (also changes made in another tab).
 *
 * @example const cart = useCart(); const count = cart.lines.reduce((n, l) => n + l.quantity, 0);
 */
export function useCart(): Cart {
  const [cart, setCart] = useState(readCart);
  useEffect(() => {
    const onStorage = (e: StorageEvent) => e.key === KEY && setCart(readCart());
    listeners.add(setCart);
    addEventListener('storage', onStorage);
    return () => {
      listeners.delete(setCart);
      removeEventListener('storage', onStorage);
    };
  }, []);
  return cart;
}
