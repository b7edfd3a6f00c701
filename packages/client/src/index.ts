export { createClient, type WeftClient } from './client';
export { isWeftApiError, isWeftNetworkError, type ProblemDocument, type ProblemField, WeftApiError, WeftNetworkError } from './errors';
export { collect, paginate } from './paginate';
export type { SessionResult } from './resources/account';
export type { ClientOptions, RequestOptions } from './transport';
export type * from './types';
