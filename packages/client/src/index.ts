export { createClient, type WeftClient } from './client';
export { isWeftApiError, isWeftNetworkError, type ProblemDocument, type ProblemField, WeftApiError, WeftNetworkError } from './errors';
export { collect, paginate } from './paginate';
export type { SessionResult } from './resources/account';
export type { ClientOptions, RequestOptions } from './transport';
export type * from './types';
export { CLIENT_STREAM_PROTOCOL, StreamClient, type StreamClientOptions, type StreamStatus, type WebSocketConstructor, type WebSocketLike } from './stream';
// The types of the issue 4 resources (routines, intake, check-ins, templates), for the web app.
export type * from './resources/checkins';
export type * from './resources/intake';
export type * from './resources/routines';
export type * from './resources/templates';
