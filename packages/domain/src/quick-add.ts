import { addToDate, isCalendarDate, localDate } from './query/dates';

// No zod here, on purpose: the web app imports this file through the `@weft/domain/quick-add`
// subpath, and the package's main entry would pull zod and every schema into the browser bundle.

export type QuickAddPriority = 'none' | 'low' | 'medium' | 'high' | 'urgent';
export type QuickAddPerson = { id: string; name: string; email: string };
export type QuickAddLabel = { id: string; name: string };
export type QuickAddContext = {
  /** "Now", injected so tests (and the preview) are deterministic. */
  now: Date;
  /** The viewer's IANA time zone: `due:tomorrow` is tomorrow where they are. */
  timeZone: string;
  labels: readonly QuickAddLabel[];
  people: readonly QuickAddPerson[];
  /** The viewer, for `@me`. */
  meId?: string;
};

/** One recognized (or refused) token, in the order typed; warnings stay in the title. */
export type QuickAddChip =
  | { kind: 'label'; raw: string; id: string; name: string }
  | { kind: 'assignee'; raw: string; id: string; name: string }
  | { kind: 'priority'; raw: string; priority: QuickAddPriority }
  | { kind: 'due' | 'start'; raw: string; date: string }
  | { kind: 'warning'; raw: string; message: string };

export type QuickAddResult = {
  title: string;
  labelIds: string[];
  assigneeIds: string[];
  priority: QuickAddPriority | null;
  /** Calendar days (`YYYY-MM-DD`) in the viewer's zone. */
  dueAt: string | null;
  startAt: string | null;
  chips: QuickAddChip[];
};

const PRIORITY_WORDS: Record<string, QuickAddPriority> = { none: 'none', low: 'low', med: 'medium', medium: 'medium', high: 'high', urgent: 'urgent' };
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_LONG = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
// A token: `#"two words"`, `@"Full Name"`, or a run of non-space characters.
const TOKEN = /([#@])"([^"]*)"|\S+/g;

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/**
 * Resolves a date word in the viewer's zone: today, tomorrow, a weekday (the next one strictly after
 * today, so `fri` typed on a Friday means a week later: `today` says today), `YYYY-MM-DD`, or `+3d`,
 * `+2w`, `+1m`. Null when it is none of those.
 */
export function resolveQuickDate(word: string, now: Date, timeZone: string): string | null {
  const w = word.trim().toLowerCase();
  const today = localDate(now, timeZone);
  if (w === 'today') return today;
  if (w === 'tomorrow' || w === 'tmr') return addToDate(today, 1);
  if (isCalendarDate(w)) return w;
  const day = WEEKDAYS.indexOf(w.slice(0, 3));
  if (day >= 0 && WEEKDAY_LONG[day].startsWith(w)) {
    const [y, m, d] = today.split('-').map(Number);
    const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    return addToDate(today, ((day - dow + 6) % 7) + 1);
  }
  const rel = /^\+(\d{1,3})([dwm])$/.exec(w);
  if (rel) {
    const n = Number(rel[1]);
    return rel[2] === 'm' ? addToDate(today, n, 'm') : addToDate(today, rel[2] === 'w' ? n * 7 : n);
  }
  return null;
}

function findLabel(name: string, labels: readonly QuickAddLabel[]): QuickAddLabel | null {
  const n = norm(name);
  return labels.find((l) => norm(l.name) === n) ?? null;
}

/**
 * A person by what was typed after `@`: an exact email, local part, first name or squashed full
 * name wins; otherwise a unique prefix of the email or of any word of the name. Ambiguous → null.
 */
export function findPerson(typed: string, people: readonly QuickAddPerson[]): QuickAddPerson | null {
  const t = typed.trim().toLowerCase();
  if (!t) return null;
  const squash = (s: string) => s.toLowerCase().replace(/\s+/g, '');
  const local = (p: QuickAddPerson) => p.email.toLowerCase().split('@')[0];
  const words = (p: QuickAddPerson) => p.name.toLowerCase().split(/\s+/).filter(Boolean);
  const tiers = [
    people.filter((p) => p.email.toLowerCase() === t || local(p) === t || squash(p.name) === squash(t) || words(p)[0] === t),
    people.filter((p) => local(p).startsWith(t) || squash(p.name).startsWith(squash(t)) || words(p).some((w) => w.startsWith(t))),
  ];
  for (const hits of tiers) {
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return null;
  }
  return null;
}

/**
 * Reads quick-add syntax in a title (pure): `Fix login #bug @ana !high due:fri start:today`.
 * Recognized tokens leave the title and become fields; an unknown label or person, an unknown
 * priority or an unreadable date stays in the title and is reported as a warning chip.
 */
export function parseQuickAdd(input: string, ctx: QuickAddContext): QuickAddResult {
  const out: QuickAddResult = { title: '', labelIds: [], assigneeIds: [], priority: null, dueAt: null, startAt: null, chips: [] };
  const kept: string[] = [];
  const warn = (raw: string, message: string) => {
    kept.push(raw);
    out.chips.push({ kind: 'warning', raw, message });
  };
  for (const m of input.matchAll(TOKEN)) {
    const raw = m[0];
    const sigil = m[1] ?? raw[0];
    const body = m[2] ?? raw.slice(1);
    if ((sigil === '#' || sigil === '@') && body.trim() === '') {
      kept.push(raw);
      continue;
    }
    if (sigil === '#' && (m[1] || /^#[\p{L}\p{N}]/u.test(raw))) {
      const label = findLabel(body, ctx.labels);
      if (!label) warn(raw, `No label “${body}”`);
      else {
        if (!out.labelIds.includes(label.id)) out.labelIds.push(label.id);
        out.chips.push({ kind: 'label', raw, id: label.id, name: label.name });
      }
      continue;
    }
    if (sigil === '@' && (m[1] || /^@[\p{L}\p{N}_]/u.test(raw))) {
      const me = !m[1] && body.toLowerCase() === 'me' && ctx.meId ? ctx.people.find((p) => p.id === ctx.meId) : undefined;
      const person = me ?? findPerson(body, ctx.people);
      if (!person) warn(raw, `No single member matches “${body}”`);
      else {
        if (!out.assigneeIds.includes(person.id)) out.assigneeIds.push(person.id);
        out.chips.push({ kind: 'assignee', raw, id: person.id, name: person.name });
      }
      continue;
    }
    if (/^![a-z]+$/i.test(raw)) {
      const p = PRIORITY_WORDS[raw.slice(1).toLowerCase()];
      if (!p) warn(raw, `Unknown priority “${raw.slice(1)}”: use !low, !medium, !high or !urgent`);
      else {
        out.priority = p;
        out.chips.push({ kind: 'priority', raw, priority: p });
      }
      continue;
    }
    const dated = /^(due|start):(.+)$/i.exec(raw);
    if (dated) {
      const kind = dated[1].toLowerCase() as 'due' | 'start';
      const date = resolveQuickDate(dated[2], ctx.now, ctx.timeZone);
      if (!date) warn(raw, `“${dated[2]}” is not a date: use today, tomorrow, a weekday, +3d or YYYY-MM-DD`);
      else {
        if (kind === 'due') out.dueAt = date;
        else out.startAt = date;
        out.chips.push({ kind, raw, date });
      }
      continue;
    }
    kept.push(raw);
  }
  out.title = kept.join(' ');
  return out;
}
