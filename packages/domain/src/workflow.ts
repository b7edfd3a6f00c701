/** Status categories: flow metrics read these, so every space may name its statuses freely. */
export const STATUS_CATEGORIES = ['backlog', 'todo', 'in_progress', 'done', 'canceled'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export const CLOSED_CATEGORIES: readonly StatusCategory[] = ['done', 'canceled'];

/** The workflow a new space starts with. */
export const DEFAULT_WORKFLOW: ReadonlyArray<{ name: string; category: StatusCategory }> = [
  { name: 'Backlog', category: 'backlog' },
  { name: 'Todo', category: 'todo' },
  { name: 'In Progress', category: 'in_progress' },
  { name: 'In Review', category: 'in_progress' },
  { name: 'Done', category: 'done' },
  { name: 'Canceled', category: 'canceled' },
];

export const PRIORITIES = ['none', 'low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Priorities are stored as their rank so `priority:>=high` is a numeric comparison. */
export const PRIORITY_RANK: Record<Priority, number> = { none: 0, low: 1, medium: 2, high: 3, urgent: 4 };

export const DEFAULT_ITEM_TYPES = ['task', 'request', 'bug', 'milestone'] as const;

export const SPACE_KINDS = ['stream', 'project'] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];
export const PROJECT_STATUSES = ['planned', 'active', 'paused', 'completed', 'canceled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const SPACE_VISIBILITIES = ['workspace', 'members'] as const;
export type SpaceVisibility = (typeof SPACE_VISIBILITIES)[number];

export const FIELD_TYPES = ['text', 'number', 'date', 'select', 'multi_select', 'person', 'checkbox', 'url'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const LINK_KINDS = ['blocks', 'relates'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const VIEW_LAYOUTS = ['list', 'board', 'table', 'calendar', 'timeline'] as const;
export type ViewLayout = (typeof VIEW_LAYOUTS)[number];
