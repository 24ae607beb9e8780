export * from './session-index';
export * from './predict-next';
