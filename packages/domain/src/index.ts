export * from './errors';
export * from './permissions';
export * from './workflow';
export * from './schemas/common';
export * from './schemas/auth';
export * from './schemas/workspace';
export * from './schemas/space';
export * from './schemas/item';
export * from './schemas/config';
// export * from './query/index'; (restored when the query language lands)
