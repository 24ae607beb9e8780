/**
 * localStorage that never throws: it is missing in some embedded browsers, throws
 * `SecurityError` when cookies are blocked and `QuotaExceededError` when full. A failed
 * write simply means the value lives in memory for this page.
 */

/** @example localGet('af:shop:visitor') // string or null */
export function localGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** @example localSet('af:shop:consent', 'granted') // true when it was stored */
export function localSet(key: string, value: string): boolean {
  try {
    localStorage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** @example localDel('af:shop:visitor') */
export function localDel(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored, nothing to remove.
  }
}
