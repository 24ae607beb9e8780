import type { ModelPayload } from '@affinity/core';
import type { ModelBuilderState, ModelOptions } from './build-model';

/** Messages to the model rebuild worker. */
export type WorkerRequest =
  | { type: 'build'; id: number; site: string; options: Partial<ModelOptions> }
  /** Ids (joined by newlines: one string clones as a copy, an array string by string) of events stored during build `id`. */
  | { type: 'observed'; id: number; ids: string }
  | { type: 'stop' };

/** A finished rebuild: everything the server needs to serve it and keep updating it. */
export interface WorkerBuilt {
  type: 'built';
  id: number;
  /** `finish()` of the counts, before learned parts and clusters are added. */
  base: ModelPayload;
  learned: Pick<ModelPayload, 'embeddings' | 'shoppers'>;
  categories: [string, string][];
  /** The counts, to continue with `createModelBuilder(options, state)`. */
  state: ModelBuilderState;
  /** Of the ids posted as `observed`, those the scan read. */
  read: string[];
  scanMs: number;
}

/** Messages from the model rebuild worker. */
export type WorkerReply = WorkerBuilt | { type: 'failed'; id: number; message: string };
