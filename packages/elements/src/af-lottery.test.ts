import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAffinity, createRuntime, setRuntime } from '@affinity/core';
import { AfLottery } from './af-lottery';

customElements.define('af-lottery', AfLottery);

const LOTTERY = {
  id: 'wheel',
  title: 'Spin the wheel',
  cost: 100,
  prizes: [
    { id: 'lose', label: 'Try again', kind: 'none', weight: 3, stock: null, remaining: null, odds: 0.75 },
    { id: 'code', label: '5 off', kind: 'coupon', weight: 1, stock: 20, remaining: 7, odds: 0.25 },
    { id: 'mug', label: 'A mug', kind: 'item', weight: 1, stock: 3, remaining: 0, odds: 0 },
  ],
};
const WON = { key: 'k', lottery: 'wheel', prize: { id: 'code', label: '5 off', kind: 'coupon' }, delivery: { kind: 'coupon', code: 'five-off.abc', expiresAt: Date.UTC(2030, 0, 1) }, at: 1 };

interface Call {
  url: string;
  body?: Record<string, unknown>;
}

/** A fake server: GET answers the lottery, POST answers `draw` (a status and body). */
function fakeServer(draw: { status: number; body: Record<string, unknown> }) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : undefined;
    calls.push({ url, body });
    const answer = body ? draw : { status: 200, body: { lottery: LOTTERY, balance: 250 } };
    return new Response(JSON.stringify({ serverTime: Date.now(), ...answer.body }), { status: answer.status });
  });
  return { calls, fetch };
}

function setMotion(reduce: boolean) {
  vi.stubGlobal('matchMedia', (q: string) => ({ matches: reduce && q.includes('reduce'), media: q, addEventListener() {}, removeEventListener() {} }));
}

async function mount(attrs: Record<string, string>) {
  const el = document.createElement('af-lottery') as AfLottery;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  const root = () => el.shadowRoot!;
  await vi.waitFor(() => expect(root().querySelector('table')).not.toBeNull());
  return { el, root, status: () => root().querySelector('[role="status"]')!.textContent!.trim() };
}

describe('<af-lottery>', () => {
  beforeEach(() => {
    setRuntime(createRuntime({ affinity: createAffinity({ site: 'demo', storage: 'memory', consent: 'granted', respectGpc: false }) }));
  });
  afterEach(() => {
    document.body.innerHTML = '';
    setRuntime(undefined);
    vi.unstubAllGlobals();
  });

  it('shows each prize with its odds and stock left, and the balance', async () => {
    vi.stubGlobal('fetch', fakeServer({ status: 201, body: {} }).fetch);
    setMotion(true);
    const { root } = await mount({ campaign: 'wheel', customer: 'c-1', signature: 'sig', endpoint: 'http://api.test' });
    const rows = [...root().querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()));
    expect(rows).toEqual([
      ['Try again', '75%', 'unlimited'],
      ['5 off', '25%', '7 of 20'],
      ['A mug', '0%', '0 of 3'],
    ]);
    expect(root().querySelector('[part="balance"]')!.textContent).toContain('250');
    expect(root().querySelector('button')!.textContent).toContain('Play for 100 points');
  });

  it('spends through the server and announces its result at once when motion is reduced', async () => {
    const server = fakeServer({ status: 201, body: { draw: WON, spent: 100, balance: 150, lottery: LOTTERY } });
    vi.stubGlobal('fetch', server.fetch);
    setMotion(true);
    const { el, root, status } = await mount({ campaign: 'wheel', customer: 'c-1', signature: 'sig', endpoint: 'http://api.test' });
    const drawn = new Promise<CustomEvent>((resolve) => el.addEventListener('af-draw', (e) => resolve(e as CustomEvent), { once: true }));
    root().querySelector('button')!.click();
    await drawn;
    await el.updateComplete;
    const post = server.calls.find((c) => c.body)!;
    expect(post.url).toBe('http://api.test/v1/lotteries/wheel/draw');
    expect(post.body).toMatchObject({ site: 'demo', customer: 'c-1', signature: 'sig', idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(status()).toContain('You won 5 off! Your code: five-off.abc');
    expect(root().querySelector('tr.won')!.getAttribute('data-prize')).toBe('code');
    // No highlight run happened.
    expect(root().querySelector('tr.lit')).toBeNull();
  });

  it('runs the highlight over winnable prizes before announcing, when motion is fine', async () => {
    vi.stubGlobal('fetch', fakeServer({ status: 201, body: { draw: WON, spent: 100, balance: 150, lottery: LOTTERY } }).fetch);
    setMotion(false);
    const { el, root, status } = await mount({ campaign: 'wheel', customer: 'c-1', signature: 'sig', endpoint: 'http://api.test' });
    const lit = new Set<string>();
    const watch = setInterval(() => {
      const row = root().querySelector('tr.lit');
      if (row) lit.add(row.getAttribute('data-prize')!);
    }, 10);
    root().querySelector('button')!.click();
    await vi.waitFor(() => expect(root().querySelector('tr.lit')).not.toBeNull());
    // While the highlight runs, nothing is announced yet and the button cannot start another draw.
    expect(status()).toBe('');
    expect(root().querySelector('button')!.disabled).toBe(true);
    await new Promise((resolve) => el.addEventListener('af-draw', resolve, { once: true }));
    clearInterval(watch);
    await el.updateComplete;
    expect(status()).toContain('five-off.abc');
    expect(lit.has('mug')).toBe(false);
  });

  it('explains a refusal and keeps the points', async () => {
    vi.stubGlobal('fetch', fakeServer({ status: 409, body: { reason: 'insufficient_points', balance: 40, cost: 100 } }).fetch);
    setMotion(true);
    const { el, root, status } = await mount({ campaign: 'wheel', customer: 'c-1', signature: 'sig', endpoint: 'http://api.test' });
    root().querySelector('button')!.click();
    await vi.waitFor(() => expect(status()).toBe('Not enough points for a draw yet.'));
    await el.updateComplete;
    expect(root().querySelector('[part="balance"]')!.textContent).toContain('40');
  });
});
