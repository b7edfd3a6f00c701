import { describe, expect, it } from 'vitest';
import { buildUser, call, testApp } from '../test/harness';

describe('log-in and sign-up rate limits', () => {
  it('limits attempts per account, whatever the address, and answers a 429 problem', async () => {
    const t = await testApp('sqlite', { authRateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const u = await buildUser(t);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: `10.0.0.${i + 1}`, payload: { email: u.email, password: 'wrong password' } });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) expect(res.json().code).toBe('RATE_LIMITED');
      }
      // The sign-up was the account's first attempt of the window, so two log-ins remain.
      expect(statuses).toEqual([401, 401, 429, 429]);
      // Another account from the same address is not affected by that account's limit.
      const other = await call(t, null, 'POST', '/api/v1/auth/login', { email: 'someone@example.test', password: 'x' });
      expect(other.statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('limits attempts per address across accounts', async () => {
    const t = await testApp('sqlite', { authRateLimit: { max: 2, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.9.9', payload: { email: `nobody${i}@example.test`, password: 'x' } });
        statuses.push(res.statusCode);
      }
      expect(statuses.slice(0, 6).every((s) => s === 401)).toBe(true);
      expect(statuses[6]).toBe(429);
    } finally {
      await t.close();
    }
  });
});
