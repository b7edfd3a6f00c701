/**
 * The shape of generated work: words, weights and a seeded random source, so two runs build the
 * same data and figures stay comparable between runs.
 */

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = ReturnType<typeof rng>;

export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Index drawn from cumulative weights. */
export function weighted(r: Rand, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

const VERBS = ['fix', 'add', 'update', 'remove', 'review', 'investigate', 'migrate', 'refactor', 'document', 'design', 'test', 'deploy', 'audit', 'plan', 'clean', 'improve', 'support', 'prepare', 'schedule', 'renew'];
const NOUNS = [
  'invoice', 'export', 'login', 'dashboard', 'report', 'onboarding', 'billing', 'search', 'payment', 'checkout', 'profile', 'settings',
  'notification', 'email', 'calendar', 'webhook', 'permission', 'import', 'backup', 'contract', 'vendor', 'laptop', 'badge', 'office',
  'hiring', 'interview', 'offer', 'budget', 'roadmap', 'release', 'incident', 'outage', 'certificate', 'license', 'survey', 'newsletter',
  'campaign', 'landing', 'pricing', 'translation', 'accessibility', 'performance', 'database', 'cache', 'queue', 'migration', 'api',
  'mobile', 'tablet', 'printer', 'network', 'vpn', 'password', 'session', 'token', 'upload', 'attachment', 'comment', 'timeline', 'workload',
];
const QUALIFIERS = ['for customers', 'in staging', 'on mobile', 'before launch', 'for finance', 'for the team', 'this quarter', 'in europe', 'weekly', 'page', 'flow', 'bug', 'request', 'issue', 'errors', 'delays'];
const SENTENCES = [
  'Customers report that the page is slow during peak hours.',
  'Steps to reproduce are in the linked ticket; happens on every second try.',
  'Finance needs this before the end of the month.',
  'Blocked until the vendor sends the signed contract.',
  'Follow up with the support team about the escalation.',
  'The export misses rows when the filter includes archived data.',
  'Agreed in the weekly sync; owner to confirm the date.',
  'Low risk change, but needs a review from security.',
];

/** Zipf-like skew: a few words are common, most are rare, as in real titles. */
const skewed = <T>(r: Rand, xs: readonly T[]) => xs[Math.floor(r() * r() * xs.length)];

export function title(r: Rand): string {
  const parts = [pick(r, VERBS), skewed(r, NOUNS)];
  if (r() < 0.5) parts.push(skewed(r, NOUNS));
  if (r() < 0.6) parts.push(pick(r, QUALIFIERS));
  const s = parts.join(' ');
  return s[0].toUpperCase() + s.slice(1);
}

export function description(r: Rand): string {
  if (r() < 0.5) return '';
  return r() < 0.5 ? pick(r, SENTENCES) : `${pick(r, SENTENCES)} ${pick(r, SENTENCES)}`;
}

export const LABELS = [
  'bug', 'feature', 'ux', 'backend', 'frontend', 'infra', 'security', 'docs', 'finance', 'legal', 'hr', 'it', 'design', 'marketing', 'sales',
  'support', 'customer', 'urgent-fix', 'tech-debt', 'research', 'ops', 'data', 'mobile', 'api', 'billing', 'onboarding', 'hiring', 'vendor',
  'compliance', 'quick-win',
];
export const TIERS = ['gold', 'silver', 'bronze', 'platinum'];
export const TYPES = ['task', 'bug', 'request'];
export const TYPE_WEIGHTS = [70, 20, 10];
/** by position in DEFAULT_WORKFLOW: Backlog, Todo, In Progress, In Review, Done, Canceled */
export const STATUS_WEIGHTS = [20, 20, 15, 5, 35, 5];
export const PRIORITY_WEIGHTS = [40, 20, 25, 10, 5];
export const USER_COUNT = 20;
export const SPACE_COUNT = 50;
export const BOARD_KEY = 'BRD';
export const spaceKey = (i: number) => (i === 0 ? BOARD_KEY : `S${String(i).padStart(2, '0')}`);

const DAY = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const iso = (ms: number) => new Date(ms).toISOString();
export { DAY };
