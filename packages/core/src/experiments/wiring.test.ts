import { describe, expect, it } from 'vitest';
import { memoryKeyValue } from '../storage/key-value';
import type { AffinityEvent, EventData, EventType } from '../types';
import { createListEvents } from '../runtime/list-events';
import { createExperiments } from './create-experiments';
import { fetchExperiments } from './fetch-experiments';
import { withExperiment } from './with-experiment';

describe('withExperiment', () => {
  it('stamps every widget event with the experiment and arm', () => {
    const tracked: { type: EventType; data: EventData }[] = [];
    const affinity = {
      visitorId: 'v1',
      state: memoryKeyValue(),
      subscribe: () => () => {},
      track: (type: EventType, data: EventData = {}) => {
        tracked.push({ type, data });
        return { type, data } as AffinityEvent;
      },
    };
    const experiments = createExperiments({ affinity, experiments: [{ id: 'holdout' }] });
    const arm = experiments.variantFor('holdout')!.variant;
    const list = createListEvents(withExperiment(affinity.track, experiments, 'holdout'), { listId: 'pdp', strategy: 'next' });
    list.seen([{ product: { id: 'a' }, index: 0 }]);
    list.select({ id: 'a' }, 0);
    expect(tracked.map((t) => [t.type, t.data.experiment_id, t.data.variant, t.data.item_list_id])).toEqual([
      ['view_item_list', 'holdout', arm, 'pdp'],
      ['select_item', 'holdout', arm, 'pdp'],
    ]);
  });
});

describe('fetchExperiments', () => {
  const answer = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

  it('returns the valid definitions the server serves', async () => {
    const defs = await fetchExperiments('https://api.example/', 'shop', answer(200, { experiments: [{ id: 'holdout' }, { id: 'bad id' }] }));
    expect(defs).toEqual([{ id: 'holdout' }]);
  });

  it('runs without experiments when the server fails or is unreachable', async () => {
    expect(await fetchExperiments('https://api.example', 'shop', answer(500, { error: 'x' }))).toEqual([]);
    expect(await fetchExperiments('https://api.example', 'shop', answer(200, 'nonsense'))).toEqual([]);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await fetchExperiments('https://api.example', 'shop', offline)).toEqual([]);
  });
});
