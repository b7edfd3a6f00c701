#!/usr/bin/env node
// Builds the server into one JavaScript file (apps/server/dist/main.js) that plain `node` runs.
//
// Why: running the TypeScript sources through tsx keeps a module-loader thread and its compiler in
// every server process: ~40 MB of the server's memory (measured: an idle server 186 MB with tsx,
// see docs/performance.md). Only Weft's own code (apps/server and the @weft/* packages, which
// export TypeScript sources) goes into the bundle; every other package stays an ordinary import
// from node_modules, so native modules (better-sqlite3, argon2) and their files load as usual.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = performance.now();

/** Bare imports stay imports, except Weft's own workspace packages (TypeScript sources). */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@weft/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

await build({
  entryPoints: [join(ROOT, 'apps/server/src/main.ts')],
  outfile: join(ROOT, 'apps/server/dist/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // `node --enable-source-maps` (npm start) then names the TypeScript files in stack traces.
  banner: { js: '// Built by scripts/build-server.mjs from apps/server/src: edit the sources, not this file.' },
  plugins: [externalPackages],
  logLevel: 'warning',
});
console.log(`server built: apps/server/dist/main.js (${Math.round(performance.now() - started)} ms)`);
