import type { Affinity } from '../affinity';
import type { Experiments } from './create-experiments';

type Track = Affinity['track'];

/**
 * A `track` that stamps every event with an experiment's id and the shopper's arm — hand it to
 * a widget's event helpers so its impressions and clicks count for the right arm.
 *
 * @example
 * const events = createListEvents(withExperiment(affinity.track, experiments, 'holdout'), { listId: 'pdp-next', strategy });
 */
export function withExperiment(track: Track, experiments: Pick<Experiments, 'stamp'>, experimentId: string): Track {
  return (type, data) => track(type, experiments.stamp(experimentId, data ?? {}));
}
