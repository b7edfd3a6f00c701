import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { WeftError } from '@weft/domain';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { resolveActor } from './auth/resolve-actor';
import { API_HEADERS, applySecurityHeaders, HELMET_OPTIONS, isApiPath, securityHeaders } from './auth/security-headers';
import type { Actor, Ctx, Deps } from './context';
import { installErrorHandling, sendProblem } from './errors';
import { apiRoutes } from './routes/index';

/** How much identity a route needs: declared on every route, checked in one hook. */
export type AuthLevel = 'public' | 'user';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthLevel;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every API route with its declared auth level (the route-table test snapshots it). */
    routeTable: RouteEntry[];
  }
}

export type RouteEntry = { method: string; url: string; auth: AuthLevel };

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds the whole app without listening, so tests drive it with `inject()`. */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log,
    // A line per request costs ~24% of throughput (STACK.md §8); errors are still logged. Debug turns it on.
    logController: new LogController({ disableRequestLogging: deps.config.logLevel !== 'debug' && deps.config.logLevel !== 'trace' }),
    genReqId: () => crypto.randomUUID(),
    // Fastify gives every request a child logger; pino serializes its bindings when it is made
    // (~1 µs, ~4% of a cached item read) though most requests never log. Made on first use instead.
    childLoggerFactory: (logger, bindings, opts) => new LazyChildLogger(() => logger.child(bindings, opts), logger) as unknown as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.WEFT_TRUST_PROXY === '1',
    routerOptions: { maxParamLength: 200 },
    // The router refuses a malformed %-escape or an over-long path parameter before any route runs;
    // without this hook those answers would be Fastify's own JSON, not our problem documents.
    frameworkErrors: (err, req, reply) => {
      if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(reply, req, 'URI_TOO_LONG', 'a path parameter is longer than 200 characters');
      return sendProblem(reply, req, 'BAD_REQUEST', err.code === 'FST_ERR_BAD_URL' ? 'the path is not a valid URL (a malformed %-escape)' : err.message);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  app.decorateRequest('actor', null);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (!url.startsWith('/api/') && url !== '/healthz') return;
    const methods = ([] as string[]).concat(route.method as string | string[]).filter((m) => m !== 'HEAD');
    if (methods.length === 0) return;
    const auth = route.config?.auth;
    if (!auth) throw new Error(`route ${methods.join(',')} ${url} declares no auth level`);
    for (const method of methods) routeTable.push({ method, url, auth });
  });

  // Security headers (CSP, nosniff, frame and referrer policies): a second line of defence behind
  // React's escaping before user markdown is rendered. Pages and files get helmet's set, decided
  // once at startup (auth/security-headers.ts); JSON answers of the API get the API set.
  const pageHeaders = securityHeaders(HELMET_OPTIONS);
  app.addHook('onRequest', (req, reply, done) => {
    applySecurityHeaders(reply, isApiPath(req.url) ? API_HEADERS : pageHeaders);
    done();
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Weft API', version: '1.0.0', description: 'Work management: workspaces, spaces, items.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'weft_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  // onRequest, before body validation: an anonymous caller learns "sign in", not what the body lacks.
  // A callback hook: when the caller is known from memory (resolveActor answers at once) it
  // finishes without a promise, else it waits for the database.
  app.addHook('onRequest', (req, _reply, done) => {
    const auth = req.routeOptions.config?.auth;
    if (!auth) return done();
    let actor: ReturnType<typeof resolveActor>;
    try {
      actor = resolveActor(deps, req);
    } catch (err) {
      return done(err as Error);
    }
    if (actor instanceof Promise) actor.then((a) => done(admit(req, auth, a)), done);
    else done(admit(req, auth, actor));
  });

  // PostgreSQL text cannot hold U+0000 and no field has a use for it: refuse it up front on both
  // databases (the same answer everywhere) instead of failing deep inside an insert.
  // A callback hook, not an async one: it runs on every request and never waits.
  app.addHook('preValidation', (req, _reply, done) => {
    const where = nulPath(req.params, 'params') ?? nulPath(req.query, 'querystring') ?? nulPath(req.body, 'body');
    if (where) done(new WeftError('VALIDATION_FAILED', `${where}: the NUL character (U+0000) is not allowed`, { fields: [{ path: where, message: 'contains U+0000' }] }));
    else done();
  });

  app.get('/healthz', { config: { auth: 'public' } }, async () => {
    await deps.store.db.selectFrom('workspaces').select('id').limit(1).execute();
    return { ok: true };
  });
  await app.register(apiRoutes(deps), { prefix: '/api/v1' });
  app.get('/api/v1/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const dist = deps.config.webDist;
  if (dist && existsSync(dist)) {
    await app.register(fastifyStatic, { root: dist, wildcard: false });
    // The SPA owns every other GET path that is not the API.
    app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, (req, reply) => {
      if (req.url.startsWith('/api/')) throw new WeftError('ROUTE_NOT_FOUND', `no route GET ${req.url.split('?')[0]}`);
      return reply.sendFile('index.html');
    });
  }
  return app;
}

/** A request's logger, created from its parent only when something is logged. */
class LazyChildLogger {
  #real: FastifyBaseLogger | null = null;
  constructor(
    private readonly make: () => FastifyBaseLogger,
    private readonly parent: FastifyBaseLogger,
  ) {}
  #get(): FastifyBaseLogger {
    this.#real ??= this.make();
    return this.#real;
  }
  get level(): string {
    return this.#real ? this.#real.level : this.parent.level;
  }
  set level(v: string) {
    this.#get().level = v;
  }
  fatal(...a: Parameters<FastifyBaseLogger['fatal']>) {
    this.#get().fatal(...a);
  }
  error(...a: Parameters<FastifyBaseLogger['error']>) {
    this.#get().error(...a);
  }
  warn(...a: Parameters<FastifyBaseLogger['warn']>) {
    this.#get().warn(...a);
  }
  info(...a: Parameters<FastifyBaseLogger['info']>) {
    this.#get().info(...a);
  }
  debug(...a: Parameters<FastifyBaseLogger['debug']>) {
    this.#get().debug(...a);
  }
  trace(...a: Parameters<FastifyBaseLogger['trace']>) {
    this.#get().trace(...a);
  }
  silent(...a: Parameters<FastifyBaseLogger['silent']>) {
    this.#get().silent(...a);
  }
  child(...a: Parameters<FastifyBaseLogger['child']>): FastifyBaseLogger {
    return this.#get().child(...a);
  }
}

/** The path of the first string (or key) holding U+0000 in a parsed request part, or null. Iterative: bodies may nest 1,000 deep. */
export function nulPath(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return path;
        stack.push([child, `${path}.${k}`]);
      }
    }
  }
  return null;
}

/** Sets the request's actor and checks what its route and method demand; the refusal, if any. */
function admit(req: FastifyRequest, auth: AuthLevel, actor: Actor | null): Error | undefined {
  req.actor = actor;
  try {
    if (auth === 'user' && !actor) throw new WeftError('UNAUTHENTICATED', 'sign in or send a valid API token');
    if (!actor || !UNSAFE.has(req.method)) return undefined;
    if (actor.readOnly) throw new WeftError('TOKEN_READ_ONLY', 'this API token is read-only');
    if (actor.tokenId === null) checkSameOrigin(req.headers);
    return undefined;
  } catch (err) {
    return err as Error;
  }
}

/**
 * Cookie-authenticated writes must come from our own origin: SameSite=Lax already blocks most
 * cross-site requests; this also refuses cross-site fetches that carry no JSON body.
 */
function checkSameOrigin(headers: Record<string, string | string[] | undefined>): void {
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site') throw new WeftError('CSRF_REJECTED', 'cross-site request refused');
  const origin = headers.origin;
  const host = headers['x-forwarded-host'] ?? headers.host;
  if (typeof origin === 'string' && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw new WeftError('CSRF_REJECTED', 'bad Origin header');
    }
    if (originHost !== host) throw new WeftError('CSRF_REJECTED', 'cross-origin request refused');
  }
}

/** The command context of a request that passed the auth hook. */
export function ctxOf(deps: Deps, req: { actor: Actor | null; id: string }): Ctx {
  if (!req.actor) throw new WeftError('UNAUTHENTICATED', 'sign in first');
  return { deps, actor: req.actor, requestId: req.id };
}
