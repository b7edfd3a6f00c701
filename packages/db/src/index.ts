export * from './types';
export * from './dialect';
export * from './connect';
export * from './migrate';
export * from './ids';
export * from './test-db';
