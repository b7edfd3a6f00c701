#!/usr/bin/env node
// Enforces the dependency arrows of docs/architecture.md: `domain ← db ← server`,
// `domain ← client ← web, cli`. A wrong-way import compiles fine, so only a check like this keeps
// the layers honest (e.g. the browser bundle must never pull in the database).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Each package: where its sources live, what it may import, and extra allowances for sub-folders.
 * The CLI's admin verbs (serve, migrate, seed) run the server in-process, so only apps/cli/src/admin/
 * may reach the database and the server (apps/cli/CONTEXT.md).
 */
export const RULES = [
  { name: '@weft/domain', dir: 'packages/domain', allow: [] },
  { name: '@weft/db', dir: 'packages/db', allow: ['@weft/domain'] },
  { name: '@weft/client', dir: 'packages/client', allow: ['@weft/domain'] },
  { name: '@weft/server', dir: 'apps/server', allow: ['@weft/domain', '@weft/db'] },
  {
    name: '@weft/cli',
    dir: 'apps/cli',
    allow: ['@weft/domain', '@weft/client'],
    extra: [{ under: 'apps/cli/src/admin/', allow: ['@weft/db', '@weft/server'] }],
  },
  { name: '@weft/web', dir: 'apps/web', allow: ['@weft/domain', '@weft/client'] },
];

// Static imports/re-exports, side-effect imports, dynamic import() and require(): all create an edge.
const SPECIFIER_RE = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;

function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return; // a package without src yet is not an error
  }
  for (const entry of entries) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts|cts)$/.test(entry) && !entry.endsWith('.d.ts')) yield path;
  }
}

/** Strips comments so that an import mentioned in a doc comment does not count. */
function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Returns one message per offending import; empty when every import follows the arrows. */
export function findViolations(repoRoot = root) {
  const problems = [];
  for (const rule of RULES) {
    const pkgRoot = join(repoRoot, rule.dir);
    for (const file of sourceFiles(join(pkgRoot, 'src'))) {
      const rel = relative(repoRoot, file).split(sep).join('/');
      const allowed = new Set([rule.name, ...rule.allow]);
      for (const extra of rule.extra ?? []) if (rel.startsWith(extra.under)) for (const a of extra.allow) allowed.add(a);
      const text = stripComments(readFileSync(file, 'utf8'));
      for (const match of text.matchAll(SPECIFIER_RE)) {
        const spec = match[1];
        const line = text.slice(0, match.index).split('\n').length;
        if (spec.startsWith('@weft/')) {
          const target = spec.split('/').slice(0, 2).join('/');
          if (!allowed.has(target)) problems.push(`${rel}:${line} imports ${spec} (${rule.name} may import: ${[...allowed].filter((a) => a !== rule.name).join(', ') || 'nothing of ours'})`);
        } else if (spec.startsWith('.')) {
          // A relative path into another package would bypass the check above.
          const target = resolve(dirname(file), spec);
          if (!target.startsWith(pkgRoot + sep)) problems.push(`${rel}:${line} imports ${spec}, outside ${rule.dir} (use the package name)`);
        }
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = findViolations();
  if (problems.length > 0) {
    console.error(`check-deps: ${problems.length} import(s) against the dependency direction (docs/architecture.md):`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log('check-deps: every @weft import follows the dependency direction');
}
