// A scripted fake of the Affinity ingest endpoint for msw: it stores events idempotently by
// id (like the real server) and records every request, so tests can check "nothing lost,
// nothing duplicated" on what the server kept, not on what the client believes.
import { delay, http, HttpResponse } from 'msw';
import type { AffinityEvent } from '@affinity/core';

export const ENDPOINT = 'http://api.test';

/** One scripted answer: a status (with optional headers), or a failure mode. */
export type Step = 'ok' | 'hang' | 'network' | number | { status: number; headers?: Record<string, string> };

export interface FakeBackend {
  handlers: ReturnType<typeof http.post>[];
  /**
   * How many accepted requests carried each event id. The server keeps one copy either way
   * (idempotent by id); a count above 1 means the client re-sent an acknowledged event.
   */
  stored: Map<string, number>;
  /** Every POST: when (fake clock), content type, and the event ids it carried. */
  requests: { at: number; contentType: string | null; ids: string[]; site: string }[];
  /** DELETE /v1/visitors/:id calls. */
  erased: { visitor: string; site: string | null }[];
}

/** Answers with `script` in order, then `ok` forever. `reject(e)` makes the server refuse one event. */
export function fakeBackend(script: Step[] = [], reject: (e: AffinityEvent) => string | undefined = () => undefined): FakeBackend {
  const b: FakeBackend = { handlers: [], stored: new Map(), requests: [], erased: [] };
  b.handlers.push(
    http.post(`${ENDPOINT}/v1/events`, async ({ request }) => {
      const body = JSON.parse(await request.text()) as { site: string; events: AffinityEvent[] };
      b.requests.push({ at: Date.now(), contentType: request.headers.get('content-type'), ids: body.events.map((e) => e.id), site: body.site });
      const step = script.shift() ?? 'ok';
      if (step === 'hang') await delay('infinite');
      else if (step === 'network') return HttpResponse.error();
      else if (step !== 'ok') {
        const s = typeof step === 'number' ? { status: step } : step;
        return new HttpResponse(null, { status: s.status, headers: s.headers });
      }
      let accepted = 0;
      let duplicates = 0;
      const rejected: { index: number; error: string }[] = [];
      body.events.forEach((e, index) => {
        const error = reject(e);
        if (error) return void rejected.push({ index, error });
        const seen = b.stored.get(e.id) ?? 0;
        b.stored.set(e.id, seen + 1);
        if (seen) duplicates++;
        else accepted++;
      });
      return HttpResponse.json({ accepted, duplicates, rejected }, { status: 202 });
    }),
    http.delete(`${ENDPOINT}/v1/visitors/:id`, ({ params, request }) => {
      b.erased.push({ visitor: String(params.id), site: new URL(request.url).searchParams.get('site') });
      return HttpResponse.json({ deleted: 1 });
    }),
  );
  return b;
}
