import * as v from 'valibot';
import type { AffinityEvent } from '@affinity/core';
import type { RouteContext } from '../http/router';
import { readJson } from '../http/body';
import { HttpError, sendJson } from '../http/respond';
import type { AppContext } from '../app-context';
import { BatchSchema, checkEvent, describeIssue } from './events.schema';
import { linkLogins, stripSignatures } from '../identity/link';

/** One event the server refused, by its position in the batch. */
export interface RejectedEvent {
  index: number;
  field: string;
  error: string;
}

/** Body of the `202` answer to `POST /v1/events`. */
export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
}

/** Receives the events a request stored for the first time (the model service counts them). */
export interface EventSink {
  observe(site: string, fresh: readonly AffinityEvent[]): void;
}

/**
 * `POST /v1/events`: validate each event, store the valid ones idempotently, report the rest.
 * Only a request carrying the admin key (server-to-server) may send channels other than `web`.
 * Signed `login` events link the visitor to the customer (see `linkLogins`).
 */
export function ingestEvents(app: AppContext, sink?: EventSink) {
  return async ({ req, res }: RouteContext): Promise<void> => {
    const body = await readJson(req, app.config.maxBodyBytes);
    const batch = v.safeParse(BatchSchema, body);
    if (!batch.success) {
      const { field, error } = describeIssue(batch.issues[0]);
      throw new HttpError(400, error, field);
    }
    const { site, events } = batch.output;
    app.access.checkSite(site, req);
    app.limits.checkSite(site);
    const trusted = app.isAdmin(req);
    const valid: AffinityEvent[] = [];
    const rejected: RejectedEvent[] = [];
    for (let index = 0; index < events.length; index++) {
      const check = checkEvent(events[index]);
      if (!check.ok) rejected.push({ index, field: check.field, error: check.error });
      else if (!trusted && check.event.channel !== 'web') {
        rejected.push({ index, field: 'channel', error: 'channel: only "web" is accepted without the server-to-server key' });
      } else valid.push(check.event);
    }
    const { accepted, duplicates, fresh } = valid.length ? await app.storage.insertEvents(site, stripSignatures(valid)) : { accepted: 0, duplicates: 0, fresh: [] };
    // Synchronous and cheap: the counting itself runs after this request.
    if (fresh.length) sink?.observe(site, fresh);
    await linkLogins(app, site, valid, trusted);
    const answer: IngestResponse = { accepted, duplicates, rejected };
    sendJson(res, 202, answer);
  };
}
