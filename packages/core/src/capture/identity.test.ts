import { afterEach, describe, expect, it } from 'vitest';
import { createIdentity } from './identity';
import { isUlid } from './ulid';

const MIN = 60_000;
const T0 = 1_700_000_000_000;
afterEach(() => localStorage.clear());

describe('createIdentity', () => {
  it('keeps one session while active and starts a new one after 30 idle minutes', () => {
    const id = createIdentity('shop', 30 * MIN, true);
    const s1 = id.session(T0);
    expect(isUlid(s1)).toBe(true);
    expect(id.session(T0 + 29 * MIN)).toBe(s1);
    expect(id.session(T0 + 58 * MIN)).toBe(s1); // activity at +29 kept it alive
    const s2 = id.session(T0 + 89 * MIN);
    expect(s2).not.toBe(s1);
    expect(id.session(T0 + 90 * MIN)).toBe(s2);
  });

  it('persists the visitor and shares the session with other tabs when consented', () => {
    const a = createIdentity('shop', 30 * MIN, true);
    const s = a.session(T0);
    const b = createIdentity('shop', 30 * MIN, true);
    expect(b.visitor).toBe(a.visitor);
    expect(b.session(T0 + 5 * MIN)).toBe(s);
  });

  it('continues a session another tab kept alive, even when this tab was idle', () => {
    const a = createIdentity('shop', 30 * MIN, true);
    const b = createIdentity('shop', 30 * MIN, true);
    const s = a.session(T0);
    expect(b.session(T0 + MIN)).toBe(s);
    b.session(T0 + 25 * MIN);
    b.save();
    // Tab A has been idle 40 minutes, but tab B was active 15 minutes ago.
    expect(a.session(T0 + 40 * MIN)).toBe(s);
  });

  it('joins a session another tab started after both expired', () => {
    const a = createIdentity('shop', 30 * MIN, true);
    const b = createIdentity('shop', 30 * MIN, true);
    a.session(T0);
    const fresh = b.session(T0 + 60 * MIN);
    expect(a.session(T0 + 60 * MIN + 1)).toBe(fresh);
  });

  it('stores nothing without consent, and removes stored ids when consent is withdrawn', () => {
    const a = createIdentity('shop', 30 * MIN, false);
    a.session(T0);
    a.save();
    expect(localStorage.length).toBe(0);
    a.setPersistent(true);
    expect(localStorage.getItem('af:shop:visitor')).toBe(a.visitor);
    expect(localStorage.getItem('af:shop:session')).toMatch(/^[0-9A-Z]{26}\.\d+$/);
    a.setPersistent(false);
    expect(localStorage.getItem('af:shop:visitor')).toBeNull();
    expect(localStorage.getItem('af:shop:session')).toBeNull();
  });

  it('reset() starts a new visitor and a new session', () => {
    const a = createIdentity('shop', 30 * MIN, true);
    const v = a.visitor;
    const s = a.session(T0);
    a.reset(T0 + 1);
    expect(a.visitor).not.toBe(v);
    expect(localStorage.getItem('af:shop:visitor')).toBe(a.visitor);
    expect(a.session(T0 + 2)).not.toBe(s);
  });

  it('ignores a corrupt stored visitor id', () => {
    localStorage.setItem('af:shop:visitor', '<script>');
    localStorage.setItem('af:shop:session', 'garbage');
    const a = createIdentity('shop', 30 * MIN, true);
    expect(isUlid(a.visitor)).toBe(true);
    expect(isUlid(a.session(T0))).toBe(true);
  });
});
