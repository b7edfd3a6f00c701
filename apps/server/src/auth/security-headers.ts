import { createRequire } from 'node:module';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers (CSP, nosniff, frame, referrer and cross-origin policies), computed ONCE.
 *
 * Written here instead of registering @fastify/helmet: that plugin rebuilds the helmet middleware
 * from its options on every request (two hooks, option parsing, a CSP string built anew), ~4% of an
 * item read. Helmet itself still decides the headers: its middleware runs once at startup against
 * a recording response, and every request then gets exactly those headers (and the same removals,
 * e.g. X-Powered-By). No per-request input goes into them (no CSP nonces are used).
 */
/** Weft's helmet options: helmet's defaults, plus API calls and data: images from our own origin. */
export const HELMET_OPTIONS: Readonly<HelmetOptions> = { contentSecurityPolicy: { directives: { 'connect-src': ["'self'"], 'img-src': ["'self'", 'data:'] } } };

export type SecurityHeaders = {
  set: ReadonlyArray<readonly [string, string]>;
  remove: readonly string[];
  /** `set` as Fastify's header object holds it (lower-case names), for `applySecurityHeaders` */
  object: Readonly<Record<string, string>>;
};

function headerSet(set: ReadonlyArray<readonly [string, string]>, remove: readonly string[]): SecurityHeaders {
  return { set, remove, object: Object.fromEntries(set.map(([k, v]) => [k.toLowerCase(), v])) };
}

/**
 * What JSON answers (`/api/…`, `/healthz`) carry instead of the document set: the headers OWASP's
 * REST security sheet lists for APIs. A JSON answer is never a page, so the document policies
 * (script, style, font and form sources, cross-origin opener, DNS prefetch…) say nothing for it,
 * and `default-src 'none'` is stricter than the app's own policy should a browser ever open one.
 * About 300 bytes a response instead of 850.
 */
export const API_HEADERS: SecurityHeaders = headerSet(
  [
    ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Referrer-Policy', 'no-referrer'],
    ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
  ],
  [],
);

/** Is this request answered with JSON by the API (the API header set), rather than a page or a file? */
export const isApiPath = (url: string): boolean => url.startsWith('/api/') || url === '/healthz' || url.startsWith('/healthz?');

export function securityHeaders(options: Readonly<HelmetOptions>): SecurityHeaders {
  const set: Array<[string, string]> = [];
  const remove: string[] = [];
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
    },
    removeHeader(name: string) {
      remove.push(name);
    },
  };
  let failure: unknown = null;
  helmet(options)({} as never, recorder as never, (err?: unknown) => {
    failure = err ?? null;
  });
  if (failure) throw failure;
  return headerSet(set, remove);
}

/**
 * Fastify keeps a reply's headers in a plain object under an internal symbol and hands that object
 * to `writeHead` in one go. Merging the precomputed (lower-case) headers into it directly costs one
 * `Object.assign` instead of a `reply.header()` call per header (which lower-cases and checks each:
 * ~1 µs a request, ~6% of a cached item read). Should a Fastify version move the symbol, this
 * finds nothing and the public `reply.header()` path is used (security-headers.test.ts checks the
 * headers arrive either way, and that the fast path is the one in use).
 */
const kReplyHeaders: symbol | undefined = (() => {
  try {
    const k = createRequire(import.meta.url)('fastify/lib/symbols.js').kReplyHeaders;
    return typeof k === 'symbol' ? k : undefined;
  } catch {
    return undefined;
  }
})();

type ReplyLike = { header(name: string, value: string): unknown; removeHeader(name: string): unknown };

/** Fastify's own header object of this reply, or undefined (the symbol moved). */
function ownHeaders(reply: object): Record<string, string> | undefined {
  const own = kReplyHeaders ? (reply as Record<symbol, unknown>)[kReplyHeaders] : undefined;
  return typeof own === 'object' && own !== null ? (own as Record<string, string>) : undefined;
}

/** Whether `applySecurityHeaders` can merge into Fastify's own header object (tests). */
export const mergesDirectly = (reply: object): boolean => ownHeaders(reply) !== undefined;

/** Applies precomputed headers to a Fastify reply, before the handler runs. */
export function applySecurityHeaders(reply: ReplyLike, h: SecurityHeaders): void {
  const own = ownHeaders(reply);
  if (own) {
    for (const name of h.remove) delete own[name.toLowerCase()];
    Object.assign(own, h.object);
    return;
  }
  for (const name of h.remove) reply.removeHeader(name);
  for (const [name, value] of h.set) reply.header(name, value);
}
