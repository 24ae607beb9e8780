export * from './types';
export { hash32, unitInterval } from './hash';
export { assignVariant, assignmentOf, experimentProblem, DEFAULT_VARIANTS } from './assign';
export { createExperiments, type Experiments, type ExperimentsOptions, type Surface } from './create-experiments';
export { withExperiment } from './with-experiment';
export { fetchExperiments } from './fetch-experiments';
export { isPersonalOffer } from './personal-offer';
