export * from './ast';
export * from './dates';
export * from './fields';
export * from './parse-query';
export { queryError } from './tokenize';
