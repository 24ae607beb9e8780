import { afterEach, describe, expect, it } from 'vitest';
import { createAffinity, type Affinity, type AffinityEvent } from '@affinity/core';
import { createCommandQueue } from './queue';

let affinity: Affinity | undefined;
afterEach(() => affinity?.destroy());

/** A queue over a fresh in-memory SDK, with the events it emitted. */
function start() {
  affinity = createAffinity({ site: `queue-${Math.random()}`, storage: 'memory', consent: 'granted', respectGpc: false });
  const events: AffinityEvent[] = [];
  affinity.subscribe((e) => events.push(e));
  return { queue: createCommandQueue(affinity), events };
}

describe('createCommandQueue', () => {
  it('passes the merchant backend’s signature through identify, queued or called', async () => {
    const { queue, events } = start();
    queue.push(['identify', 'c-42', 'abc123']);
    queue.identify('c-43', 'def456');
    await affinity!.flush().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 0));
    const logins = events.filter((e) => e.type === 'login').map((e) => [e.data.customer_id, e.data.customer_signature]);
    expect(logins).toEqual([
      ['c-42', 'abc123'],
      ['c-43', 'def456'],
    ]);
  });

  it('ignores unknown commands and keeps running the next ones', async () => {
    const { queue, events } = start();
    queue.push(['launch-rockets'], ['track', 'search', { search_term: 'boots' }]);
    await new Promise((r) => setTimeout(r, 0));
    expect(events.map((e) => [e.type, e.data.search_term])).toEqual([['search', 'boots']]);
  });
});
