/** The words of the demo workspace: people, spaces and the titles its work is made of. */

export const DEMO_LOGIN = { email: 'demo@weft.local', password: 'weft-demo-1234', name: 'Dana Demo' } as const;

export const DEMO_PEOPLE = [
  { email: 'ana@weft.local', name: 'Ana Lopez', role: 'admin' },
  { email: 'ben@weft.local', name: 'Ben Okafor', role: 'member' },
  { email: 'chen@weft.local', name: 'Chen Wei', role: 'member' },
] as const;

export const DEMO_LABELS = [
  { name: 'bug', color: '#e5484d' },
  { name: 'customer', color: '#3e63dd' },
  { name: 'infra', color: '#8e4ec6' },
  { name: 'quick-win', color: '#30a46c' },
] as const;

export type DemoLabel = (typeof DEMO_LABELS)[number]['name'];

export type SpacePlan = {
  key: 'SUP' | 'OPS' | 'WEB' | 'HIR';
  name: string;
  kind: 'stream' | 'project';
  count: number;
  types: readonly string[];
  labels: readonly DemoLabel[];
  titles: readonly string[];
};

const CUSTOMERS = ['Northwind', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Labs', 'Wayne Co', 'Acme Retail'];
const SYSTEMS = ['billing', 'search', 'the API gateway', 'the mail relay', 'Postgres', 'the CDN', 'backups', 'SSO', 'the job queue'];
const PAGES = ['pricing', 'home', 'blog', 'careers', 'docs', 'signup', 'customer stories', 'security'];

/** `{c}` a customer, `{s}` a system, `{p}` a page: filled by the seed's PRNG. */
export const FILLERS = { c: CUSTOMERS, s: SYSTEMS, p: PAGES } as const;

export const SPACE_PLANS: readonly SpacePlan[] = [
  {
    key: 'SUP',
    name: 'Support',
    kind: 'stream',
    count: 70,
    types: ['request', 'request', 'bug', 'task'],
    labels: ['customer', 'bug', 'quick-win'],
    titles: [
      '{c} cannot reset their password',
      'Refund request from {c}',
      'CSV export times out for {c}',
      '{c} asks for SSO setup help',
      'Invoice shows the wrong VAT for {c}',
      '{c} reports slow search',
      'Add a seat to the {c} plan',
      'Webhook deliveries failing for {c}',
      '{c} wants an audit log export',
      'Duplicate notifications reported by {c}',
      'Onboarding call with {c}',
      '{c} cannot upload attachments',
    ],
  },
  {
    key: 'OPS',
    name: 'Ops',
    kind: 'stream',
    count: 60,
    types: ['task', 'task', 'bug'],
    labels: ['infra', 'quick-win', 'bug'],
    titles: [
      'Rotate credentials for {s}',
      'Upgrade {s}',
      'Alert noise from {s}',
      'Capacity review of {s}',
      'Restore test for {s}',
      'Document the runbook for {s}',
      'Patch the OS on {s} hosts',
      'Disk usage creeping up on {s}',
      'Renew certificates for {s}',
      'Tune the dashboards for {s}',
    ],
  },
  {
    key: 'WEB',
    name: 'Website relaunch',
    kind: 'project',
    count: 50,
    types: ['task'],
    labels: ['quick-win', 'bug', 'customer'],
    titles: [
      'Redesign the {p} page',
      'Write copy for the {p} page',
      'Accessibility pass on {p}',
      'Performance budget for {p}',
      'Migrate {p} content to the new CMS',
      'Analytics events on {p}',
      'Responsive layout for {p}',
      'Review {p} with legal',
    ],
  },
  {
    key: 'HIR',
    name: 'Hiring Q1',
    kind: 'project',
    count: 20,
    types: ['task'],
    labels: ['quick-win'],
    titles: ['Screen candidates for the {r} role', 'Schedule interviews for {r}', 'Write the {r} job description', 'Reference checks for {r}', 'Prepare the {r} take-home'],
  },
];

export const ROLES_OPEN = ['Senior Engineer', 'Product Designer', 'Support Lead'];

/** Parents with their subitems (the parent is a milestone in WEB, a task in HIR). */
export const PARENTS: ReadonlyArray<{ key: 'WEB' | 'HIR'; title: string; children: readonly string[] }> = [
  { key: 'WEB', title: 'Launch: new home page', children: ['Hero illustration', 'Final copy review', 'Switch DNS to the new site', 'Launch announcement'] },
  { key: 'WEB', title: 'Launch: self-serve signup', children: ['Signup form validation', 'Welcome email', 'Trial limits'] },
  { key: 'WEB', title: 'Design system v2', children: ['Color tokens', 'Button variants', 'Form components'] },
  { key: 'HIR', title: 'Hire a Senior Engineer', children: ['Job description', 'Sourcing plan', 'Interview loop', 'Offer approval'] },
];

export const COMMENTS = [
  'Looked into this: it reproduces on staging too.',
  'I can take this one this week.',
  'Waiting on the customer to confirm.',
  'Shipped a fix, please verify.',
  'This is blocked until the infra change lands.',
  'Can we split this into smaller pieces?',
  'Added notes from the call.',
  'Bumping priority: two more customers asked.',
  'Done on my side, over to review.',
  'Let us pair on this tomorrow.',
];
