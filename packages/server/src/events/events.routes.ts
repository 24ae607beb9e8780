import type { Route } from '../http/router';
import type { AppContext } from '../app-context';
import { ingestEvents, type EventSink } from './events.handlers';

/**
 * Event collection. `POST /v1/events` with `{ site, events }` (JSON or text/plain) answers
 * `202 { accepted, duplicates, rejected: [{ index, field, error }] }`; a malformed envelope
 * answers `400 { error, field }`, an oversized body `413`, an unknown site or origin `403`.
 */
export function eventsRoutes(app: AppContext, sink?: EventSink): Route[] {
  return [{ method: 'POST', path: '/v1/events', handler: ingestEvents(app, sink) }];
}
