import { hashSecret } from '@weft/db';
import { buildItem, buildSpace } from '../../apps/server/src/test/factories';
import { buildMember, buildUser, buildWorkspace, call, type TestApp, type TestUser } from '../../apps/server/src/test/harness';

/** The kinds of record a fuzzed request refers to by id. */
export type IdKind =
  | 'workspace'
  | 'space'
  | 'item'
  | 'comment'
  | 'label'
  | 'field'
  | 'view'
  | 'team'
  | 'token'
  | 'invite'
  | 'inviteToken'
  | 'status'
  | 'link'
  /** another member (the owner's own id is left out of paths so its role cannot be fuzzed away) */
  | 'user'
  /** anyone in the workspace, for assignees, owners, leads and member lists in bodies */
  | 'person'
  | AreaKind;

/** Records of the issue-4 areas; one live record of each is kept by `repairAreas`. */
export type AreaKind =
  | 'routine'
  | 'routineOccurrence'
  | 'form'
  | 'formPublic'
  | 'request'
  | 'reference'
  | 'calendar'
  | 'slaPolicy'
  | 'template'
  | 'checkin'
  | 'checkinOccurrence'
  | 'checkinAnswer'
  | 'checkinComment';
export const AREA_KINDS: readonly AreaKind[] = [
  'routine',
  'routineOccurrence',
  'form',
  'formPublic',
  'request',
  'reference',
  'calendar',
  'slaPolicy',
  'template',
  'checkin',
  'checkinOccurrence',
  'checkinAnswer',
  'checkinComment',
];

export const ID_KINDS: readonly IdKind[] = ['workspace', 'space', 'item', 'comment', 'label', 'field', 'view', 'team', 'token', 'invite', 'inviteToken', 'status', 'link', 'user', 'person', ...AREA_KINDS];

/**
 * A reference to "the n-th live record of a kind", resolved when the request is sent: fuzzed
 * requests delete and archive things, and the world rebuilds them under new ids.
 */
export class Ref {
  constructor(
    readonly kind: IdKind,
    readonly n: number,
  ) {}
  toString(): string {
    return `<${this.kind}#${this.n}>`;
  }
}

/** "The current version of the record the path addresses", looked up when the request is sent. */
export class CurrentVersion {
  toString(): string {
    return '<current version>';
  }
}

const VERSIONED: Partial<
  Record<
    IdKind,
    | 'workspaces'
    | 'spaces'
    | 'items'
    | 'comments'
    | 'labels'
    | 'fields'
    | 'views'
    | 'teams'
    | 'routines'
    | 'intake_forms'
    | 'intake_requests'
    | 'working_calendars'
    | 'sla_policies'
    | 'templates'
    | 'checkins'
    | 'checkin_answers'
    | 'checkin_comments'
  >
> = {
  routine: 'routines',
  form: 'intake_forms',
  request: 'intake_requests',
  calendar: 'working_calendars',
  slaPolicy: 'sla_policies',
  template: 'templates',
  checkin: 'checkins',
  checkinAnswer: 'checkin_answers',
  checkinComment: 'checkin_comments',
  workspace: 'workspaces',
  space: 'spaces',
  item: 'items',
  comment: 'comments',
  label: 'labels',
  field: 'fields',
  view: 'views',
  team: 'teams',
};

/** An object whose keys may be Refs (custom field values are keyed by field id). */
export class Keyed {
  constructor(readonly pairs: Array<[string | Ref, unknown]>) {}
  toString(): string {
    return `{${this.pairs.map(([k, v]) => `${String(k)}: ${JSON.stringify(v)?.slice(0, 40)}`).join(', ')}}`;
  }
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v));

/** Sets an own property even when the key is `__proto__` (plain assignment would change the prototype). */
export function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

const PASSWORD = 'correct horse battery';
const api = '/api/v1';

async function must(t: TestApp, user: TestUser, method: string, url: string, body: unknown, status = 201) {
  const res = await call(t, user, method, url, body);
  if (res.statusCode !== status) throw new Error(`fuzz world: ${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
}

let seq = 0;
const uniq = () => `${++seq}${Math.random().toString(36).slice(2, 5)}`;

/**
 * An owner's workspace holding one of everything a route can address, kept whole between fuzzed
 * requests: `repair()` recreates whatever a successful request deleted, archived or revoked.
 */
export class World {
  owner!: TestUser;
  member!: TestUser;
  ws!: string;
  private spaces: string[] = [];
  private items: Array<{ id: string; key: string }> = [];
  private one: Partial<Record<'comment' | 'view' | 'team' | 'token' | 'invite' | 'inviteToken' | 'link' | 'trashed' | 'formFields' | AreaKind, string>> = {};
  private clients = 0;
  private labels: string[] = [];
  private fields: string[] = [];
  private statuses: string[] = [];

  constructor(readonly t: TestApp) {}

  static async build(t: TestApp): Promise<World> {
    const w = new World(t);
    w.owner = await buildUser(t, { name: 'Fuzz Owner' });
    w.ws = (await buildWorkspace(t, w.owner, 'Fuzz')).id;
    w.member = await buildMember(t, w.ws, 'member', { name: 'Fuzz Member' });
    await w.repair();
    return w;
  }

  /** The live ids of a kind, in a stable order (a Ref's n picks one modulo the length). */
  ids(kind: IdKind): string[] {
    const one = (k: keyof World['one']) => (this.one[k] ? [this.one[k] as string] : []);
    switch (kind) {
      case 'workspace':
        return [this.ws];
      case 'space':
        return this.spaces;
      case 'item':
        // two live items, the first by key, and one in the trash (so restore can succeed)
        return [...this.items.map((i) => i.id), ...this.items.slice(0, 1).map((i) => i.key), ...one('trashed')];
      case 'label':
        return this.labels;
      case 'field':
        return this.fields;
      case 'status':
        return this.statuses;
      case 'user':
        return [this.member.id];
      case 'person':
        return [this.owner.id, this.member.id];
      default:
        return one(kind);
    }
  }

  resolve(ref: Ref): string {
    const ids = this.ids(ref.kind);
    return ids.length ? ids[ref.n % ids.length] : 'missing';
  }

  /**
   * The version of the record a path addresses (its last id parameter), so generated updates can
   * carry the right one and get past the version check; 1 when the path names nothing versioned.
   */
  async versionAt(params: Array<{ kind: IdKind; id: string }>): Promise<number> {
    const db = this.t.deps.store.db;
    const last = params[params.length - 1];
    if (!last) return 1;
    if (last.kind === 'user') {
      const m = await db.selectFrom('members').select('version').where('workspace_id', '=', this.ws).where('user_id', '=', last.id).executeTakeFirst();
      return m?.version ?? 1;
    }
    const table = VERSIONED[last.kind];
    if (!table) return 1;
    const row = await db
      .selectFrom(table)
      .select('version')
      .where((eb) => (table === 'items' ? eb.or([eb('id', '=', last.id), eb('key', '=', last.id.toUpperCase())]) : eb('id', '=', last.id)))
      .executeTakeFirst();
    return row?.version ?? 1;
  }

  /** A generated value with every Ref, Keyed and CurrentVersion made concrete (Raw fragments stay). */
  materialize(v: unknown, version = 1): unknown {
    if (v instanceof Ref) return this.resolve(v);
    if (v instanceof CurrentVersion) return version;
    if (v instanceof Keyed) return Object.fromEntries(v.pairs.map(([k, x]) => [k instanceof Ref ? this.resolve(k) : k, this.materialize(x, version)]));
    if (Array.isArray(v)) return v.map((x) => this.materialize(x, version));
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) setOwn(out, k, this.materialize(x, version));
      return out;
    }
    return v;
  }

  /** Brings back everything the last successful request may have removed. */
  async repair(): Promise<void> {
    const { t, owner, ws } = this;
    const db = t.deps.store.db;
    const sid = owner.cookie.split('=')[1] ?? '';
    if (!(await db.selectFrom('sessions').select('id').where('id', '=', hashSecret(sid)).executeTakeFirst())) await this.relogin();
    const role = await db.selectFrom('members').select('role').where('workspace_id', '=', ws).where('user_id', '=', owner.id).executeTakeFirst();
    if (!role) throw new Error('fuzz world: the owner is no longer a member: a fuzzed request took the workspace away');
    // A legitimate sequence can demote the owner (make the member an owner, then the owner a guest):
    // the world puts the role back, so later requests still act as the owner.
    // Through the API, as the member who must be an owner by then (only an owner demotes an owner,
    // and never the last one), so every cache of the server hears of it.
    if (role.role !== 'owner') {
      const m = await db.selectFrom('members').select('version').where('workspace_id', '=', ws).where('user_id', '=', owner.id).executeTakeFirstOrThrow();
      await must(t, this.member, 'PATCH', `${api}/workspaces/${ws}/members/${owner.id}`, { role: 'owner', version: m.version }, 200);
    }
    if (!(await db.selectFrom('members').select('user_id').where('workspace_id', '=', ws).where('user_id', '=', this.member.id).executeTakeFirst())) {
      this.member = await buildMember(t, ws, 'member', { name: 'Fuzz Member' });
    }

    const liveSpaces = new Set(
      (await db.selectFrom('spaces').select('id').where('workspace_id', '=', ws).where('archived_at', 'is', null).execute()).map((r) => r.id),
    );
    this.spaces = this.spaces.filter((s) => liveSpaces.has(s));
    while (this.spaces.length < 2) this.spaces.push((await buildSpace(t, owner, ws, { key: `F${uniq()}`.slice(0, 10).toUpperCase() })).id);
    this.statuses = (await db.selectFrom('statuses').select('id').where('space_id', '=', this.spaces[0]).orderBy('position').execute()).map((r) => r.id);

    const liveItems = await db.selectFrom('items').select(['id', 'key', 'space_id']).where('workspace_id', '=', ws).where('deleted_at', 'is', null).execute();
    const byId = new Map(liveItems.filter((i) => liveSpaces.has(i.space_id)).map((i) => [i.id, i.key]));
    const before = this.items.map((i) => i.id).join();
    this.items = this.items.filter((i) => byId.has(i.id)).map((i) => ({ id: i.id, key: byId.get(i.id) as string }));
    while (this.items.length < 2) {
      const it = await buildItem(t, owner, this.spaces[0]);
      this.items.push({ id: it.id, key: it.key });
    }
    const itemsChanged = before !== this.items.map((i) => i.id).join();
    const trashed = this.one.trashed ? await db.selectFrom('items').select('deleted_at').where('id', '=', this.one.trashed).executeTakeFirst() : undefined;
    if (!trashed?.deleted_at) {
      const it = await buildItem(t, owner, this.spaces[0], { title: 'fuzz trashed' });
      await must(t, owner, 'DELETE', `${api}/items/${it.id}`, undefined, 200);
      this.one.trashed = it.id;
    }
    await this.repairOthers(itemsChanged);
    await this.repairAreas();
  }

  /** Whether a row with this id is in the table (area records are deleted outright). */
  private async has(table: NonNullable<(typeof VERSIONED)[IdKind]>, id: string | undefined): Promise<boolean> {
    if (!id) return false;
    const row = await this.t.deps.store.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    return !!row;
  }

  /** One live record of every area kind (issue 4), rebuilt after a fuzzed request removed it. */
  private async repairAreas(): Promise<void> {
    const { t, owner, ws } = this;
    const db = t.deps.store.db;
    const space = this.spaces[0];
    if (!(await this.has('routines', this.one.routine))) {
      const body = { name: `Fuzz routine ${uniq()}`, recurrence: { rrule: 'FREQ=DAILY', timeZone: 'Europe/Berlin', start: '2030-01-01T09:00' }, template: { title: 'Fuzz {{date}}' } };
      this.one.routine = (await must(t, owner, 'POST', `${api}/spaces/${space}/routines`, body)).id;
    }
    this.one.routineOccurrence = '2030-01-05';
    const form = this.one.form && (await db.selectFrom('intake_forms').select(['id', 'space_id', 'closed_at', 'access', 'fields']).where('id', '=', this.one.form).executeTakeFirst());
    // A fuzzed PATCH may have closed the form, made it internal or changed its fields: the
    // repaired request below needs a public form that takes `summary`, so any drift means a new one.
    const pristine = form && !form.closed_at && form.access === 'public' && form.fields === this.one.formFields;
    if (!form || !pristine || !this.spaces.includes(form.space_id)) {
      const fields = [{ key: 'summary', label: 'Summary', kind: 'short_text', mapsTo: 'title' }];
      const made = await must(t, owner, 'POST', `${api}/spaces/${space}/forms`, { name: `Fuzz form ${uniq()}`, access: 'public', fields });
      this.one.form = made.id;
      this.one.formPublic = made.publicId;
      this.one.formFields = (await db.selectFrom('intake_forms').select('fields').where('id', '=', made.id).executeTakeFirstOrThrow()).fields;
    }
    const request = this.one.request && (await db.selectFrom('intake_requests').select(['state', 'item_id']).where('id', '=', this.one.request).executeTakeFirst());
    const itemLive = request && (await db.selectFrom('items').select('deleted_at').where('id', '=', request.item_id).executeTakeFirst());
    if (!request || request.state !== 'triage' || !itemLive || itemLive.deleted_at) {
      this.clients += 1;
      const res = await t.app.inject({
        method: 'POST',
        url: `${api}/forms/${this.one.formPublic}/submissions`,
        payload: { email: `fuzz-${uniq()}@example.test`, values: { summary: 'Fuzz request' } },
        remoteAddress: `203.0.${Math.floor(this.clients / 250) % 250}.${this.clients % 250}`,
      });
      if (res.statusCode !== 201) throw new Error(`fuzz world: submission → ${res.statusCode} ${res.body}`);
      const { reference } = res.json();
      this.one.reference = reference;
      this.one.request = (await db.selectFrom('intake_requests').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
    }
    if (!(await this.has('working_calendars', this.one.calendar))) {
      this.one.calendar = (await must(t, owner, 'POST', `${api}/workspaces/${ws}/calendars`, { name: `Fuzz cal ${uniq()}`, timeZone: 'Europe/Berlin' })).id;
    }
    if (!(await this.has('sla_policies', this.one.slaPolicy))) {
      const existing = await db.selectFrom('sla_policies').select('id').where('space_id', '=', space).executeTakeFirst();
      this.one.slaPolicy =
        existing?.id ?? (await must(t, owner, 'POST', `${api}/spaces/${space}/sla-policies`, { calendarId: this.one.calendar, targets: { high: { firstResponseMinutes: 60 } } })).id;
    }
    if (!(await this.has('templates', this.one.template))) {
      this.one.template = (await must(t, owner, 'POST', `${api}/items/${this.items[0].id}/save-as-template`, { name: `Fuzz template ${uniq()}` })).id;
    }
    await this.repairCheckins();
  }

  /** A check-in with an open occurrence, the owner's answer and a comment on it. */
  private async repairCheckins(): Promise<void> {
    const { t, owner, ws } = this;
    const db = t.deps.store.db;
    if (!(await this.has('checkins', this.one.checkin))) {
      const body = {
        name: `Fuzz check-in ${uniq()}`,
        question: 'What moved?',
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=FR', timeZone: 'Europe/Berlin', start: '2026-01-02T16:00' },
        participantIds: [owner.id, this.member.id],
        visibility: 'workspace',
      };
      this.one.checkin = (await must(t, owner, 'POST', `${api}/workspaces/${ws}/checkins`, body)).id;
    }
    const checkin = this.one.checkin as string;
    const occ = this.one.checkinOccurrence && (await db.selectFrom('checkin_occurrences').select('id').where('id', '=', this.one.checkinOccurrence).where('checkin_id', '=', checkin).executeTakeFirst());
    if (!occ) {
      const open = await db.selectFrom('checkin_occurrences').select('id').where('checkin_id', '=', checkin).orderBy('opened_at', 'desc').executeTakeFirst();
      this.one.checkinOccurrence = open?.id ?? (await must(t, owner, 'POST', `${api}/checkins/${checkin}/occurrences`, undefined)).id;
    }
    const occurrence = this.one.checkinOccurrence as string;
    const answer = await db.selectFrom('checkin_answers').select('id').where('occurrence_id', '=', occurrence).where('user_id', '=', owner.id).executeTakeFirst();
    this.one.checkinAnswer = answer?.id ?? (await must(t, owner, 'PUT', `${api}/checkins/${checkin}/occurrences/${occurrence}/answer`, { body: 'Fuzz answer' })).id;
    const comment = this.one.checkinComment && (await db.selectFrom('checkin_comments').select(['answer_id', 'deleted_at']).where('id', '=', this.one.checkinComment).executeTakeFirst());
    if (!comment || comment.deleted_at || comment.answer_id !== this.one.checkinAnswer) {
      this.one.checkinComment = (await must(t, owner, 'POST', `${api}/checkin-answers/${this.one.checkinAnswer}/comments`, { body: `Fuzz comment ${uniq()}` })).id;
    }
  }

  private async repairOthers(itemsChanged: boolean): Promise<void> {
    const { t, owner, ws } = this;
    const db = t.deps.store.db;
    const [item1, item2] = this.items;
    const exists = async (table: 'labels' | 'fields' | 'views' | 'teams', id: string | undefined) =>
      !!id && !!(await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());

    const comment = this.one.comment && (await db.selectFrom('comments').select(['item_id', 'deleted_at']).where('id', '=', this.one.comment).executeTakeFirst());
    if (!comment || comment.deleted_at || !this.items.some((i) => i.id === comment.item_id)) {
      this.one.comment = (await must(t, owner, 'POST', `${api}/items/${item1.id}/comments`, { body: `fuzz comment ${uniq()}` })).id;
    }
    const link = this.one.link && (await db.selectFrom('item_links').select('id').where('id', '=', this.one.link).executeTakeFirst());
    if (!link || itemsChanged) {
      const made = await call(t, owner, 'POST', `${api}/items/${item1.id}/links`, { kind: 'relates', itemId: item2.id });
      const any = await db.selectFrom('item_links').select('id').where('from_item_id', '=', item1.id).executeTakeFirst();
      this.one.link = made.statusCode === 201 ? made.json().id : any?.id;
    }
    this.labels = (await Promise.all(this.labels.map(async (id) => ((await exists('labels', id)) ? id : null)))).filter((x): x is string => !!x);
    while (this.labels.length < 2) this.labels.push((await must(t, owner, 'POST', `${api}/workspaces/${ws}/labels`, { name: `fuzz-${uniq()}` })).id);
    this.fields = (await Promise.all(this.fields.map(async (id) => ((await exists('fields', id)) ? id : null)))).filter((x): x is string => !!x);
    if (this.fields.length < 2) {
      const text = { name: `Fuzz text ${uniq()}`, type: 'text' };
      const select = { name: `Fuzz select ${uniq()}`, type: 'select', options: [{ name: 'One' }, { name: 'Two' }] };
      this.fields = [];
      for (const body of [text, select]) this.fields.push((await must(t, owner, 'POST', `${api}/workspaces/${ws}/fields`, body)).id);
    }
    if (!(await exists('views', this.one.view))) {
      this.one.view = (await must(t, owner, 'POST', `${api}/workspaces/${ws}/views`, { name: `Fuzz view ${uniq()}`, query: 'status:todo', shared: true })).id;
    }
    if (!(await exists('teams', this.one.team))) {
      this.one.team = (await must(t, owner, 'POST', `${api}/workspaces/${ws}/teams`, { name: `Fuzz team ${uniq()}`, memberIds: [this.member.id] })).id;
    }
    const token = this.one.token && (await db.selectFrom('api_tokens').select('revoked_at').where('id', '=', this.one.token).executeTakeFirst());
    if (!token || token.revoked_at) this.one.token = (await must(t, owner, 'POST', `${api}/tokens`, { name: `fuzz ${uniq()}` })).id;
    const invite = this.one.invite && (await db.selectFrom('invites').select(['accepted_at', 'revoked_at']).where('id', '=', this.one.invite).executeTakeFirst());
    if (!invite || invite.accepted_at || invite.revoked_at) {
      const made = await must(t, owner, 'POST', `${api}/workspaces/${ws}/invites`, { role: 'member' });
      this.one.invite = made.id;
      this.one.inviteToken = made.token;
    }
  }

  /** A new session for the owner (after a fuzzed logout ended the old one). */
  async relogin(): Promise<void> {
    const res = await this.t.app.inject({ method: 'POST', url: `${api}/auth/login`, payload: { email: this.owner.email, password: PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`fuzz world: re-login failed: ${res.statusCode} ${res.body}`);
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    this.owner.cookie = cookie;
    this.owner.headers = { cookie };
  }
}
