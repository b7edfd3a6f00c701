import { ApiToken, CreatedToken, CreateTokenInput, IdParams, LoginInput, SignupInput, UpdateMeInput, User } from '@weft/domain';
import { WeftError } from '@weft/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../app';
import { SESSION_COOKIE } from '../auth/resolve-actor';
import { login, logout } from '../commands/auth/login';
import { signup } from '../commands/auth/signup';
import { createToken, listTokens, revokeToken } from '../commands/auth/tokens';
import { updateMe } from '../commands/auth/update-me';
import type { Deps } from '../context';
import { presentToken, presentUser } from '../presenters/user';

function setSessionCookie(deps: Deps, req: FastifyRequest, reply: FastifyReply, token: string, expires: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Behind a TLS-terminating proxy without WEFT_TRUST_PROXY, an https public URL still says "Secure".
    secure: req.protocol === 'https' || (deps.config.publicUrl?.startsWith('https://') ?? false),
    expires: new Date(expires),
  });
}

/** Sign-up, log-in/out, the current user and personal API tokens. */
export const authRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const { max, windowMs } = deps.config.authRateLimit;
    // Two limits: per client address (route config) and per account (keyed by the email in the body).
    // createRateLimit (not rateLimit): the plugin lets one limiter run per request, and the
    // per-address one already ran in onRequest.
    const accountLimit = app.createRateLimit({
      max,
      timeWindow: windowMs,
      keyGenerator: (req) => `acct:${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
    });
    const perAccount = async (req: FastifyRequest) => {
      const r = await accountLimit(req);
      if (!r.isAllowed && r.isExceeded) throw new WeftError('RATE_LIMITED', `too many attempts for this account; retry in ${r.ttlInSeconds} s`);
    };
    const perAddress = { rateLimit: { max: max * 3, timeWindow: windowMs } };

    app.post(
      '/auth/signup',
      { config: { auth: 'public', ...perAddress }, preHandler: perAccount, schema: { tags: ['auth'], body: SignupInput, response: { 201: User } } },
      async (req, reply) => {
        const { user, sessionToken, expires } = await signup(deps, req.body);
        setSessionCookie(deps, req, reply, sessionToken, expires);
        return reply.code(201).send(presentUser(user));
      },
    );
    app.post(
      '/auth/login',
      { config: { auth: 'public', ...perAddress }, preHandler: perAccount, schema: { tags: ['auth'], body: LoginInput, response: { 200: User } } },
      async (req, reply) => {
        const { user, sessionToken, expires } = await login(deps, req.body);
        setSessionCookie(deps, req, reply, sessionToken, expires);
        return presentUser(user);
      },
    );
    app.post('/auth/logout', { config: { auth: 'public' }, schema: { tags: ['auth'] } }, async (req, reply) => {
      await logout(deps, req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    });
    app.get('/me', { config: { auth: 'user' }, schema: { tags: ['auth'], response: { 200: User } } }, async (req) => {
      const u = await deps.store.db.selectFrom('users').selectAll().where('id', '=', ctxOf(deps, req).actor.userId).executeTakeFirstOrThrow();
      return presentUser(u);
    });
    app.patch('/me', { config: { auth: 'user' }, schema: { tags: ['auth'], body: UpdateMeInput, response: { 200: User } } }, async (req) =>
      presentUser(await updateMe(ctxOf(deps, req), req.body)),
    );
    app.get('/tokens', { config: { auth: 'user' }, schema: { tags: ['auth'], response: { 200: z.object({ data: z.array(ApiToken) }) } } }, async (req) => ({
      data: (await listTokens(ctxOf(deps, req))).map(presentToken),
    }));
    app.post(
      '/tokens',
      { config: { auth: 'user' }, schema: { tags: ['auth'], body: CreateTokenInput, response: { 201: CreatedToken } } },
      async (req, reply) => {
        const { row, secret } = await createToken(ctxOf(deps, req), req.body);
        return reply.code(201).send({ ...presentToken(row), token: secret });
      },
    );
    app.delete('/tokens/:id', { config: { auth: 'user' }, schema: { tags: ['auth'], params: IdParams, response: { 200: ApiToken } } }, async (req) =>
      presentToken(await revokeToken(ctxOf(deps, req), req.params.id)),
    );
  };
