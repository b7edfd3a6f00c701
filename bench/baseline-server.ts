import Fastify from 'fastify';

/**
 * The yardstick: a bare Fastify server answering a fixed small JSON body. It runs in its own
 * process on the same machine as the Weft server, so every Weft figure can be read as a ratio to
 * it, which stays meaningful on a shared, noisy machine where absolute req/s drift.
 */
const app = Fastify({ logger: false });
const body = { id: '0190a1b2c3d4e5f60718293a4b5c6d7e', key: 'BEN-1', title: 'Hello', version: 1 };
app.get('/', async () => body);

const port = Number(process.env.PORT ?? 0);
const address = await app.listen({ host: process.env.HOST ?? '127.0.0.1', port });
console.log(`Baseline listening on ${address}`);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void app.close().then(() => process.exit(0)));
