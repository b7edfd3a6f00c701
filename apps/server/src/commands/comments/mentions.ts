import type { Role } from '@weft/domain';
import type { Db } from '../../context';
import { canReadSpace } from '../../policies/space.policy';

/** A mention as written: `@"Full Name"`, `@someone@example.com` or `@name`. */
export type MentionToken = { kind: 'quoted' | 'email' | 'word'; text: string };

// Code is quoted text, not speech: `@build` inside backticks mentions nobody.
const CODE = /```[\s\S]*?(?:```|$)|`[^`\n]*`/g;
// `@` must start a word, so the domain of a plain email address ("ana@acme.io") is no mention.
const MENTION = /(?<![\p{L}\p{N}_.@])@(?:"([^"\n]{1,200})"|([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})|([\p{L}\p{N}_][\p{L}\p{N}_.-]{0,99}))/gu;

/** The mentions written in a markdown body, in order, without duplicates (pure). */
export function parseMentions(body: string): MentionToken[] {
  const text = body.replace(CODE, ' ');
  const out: MentionToken[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(MENTION)) {
    const token: MentionToken = m[1] !== undefined
      ? { kind: 'quoted', text: m[1].trim() }
      : m[2] !== undefined
        ? { kind: 'email', text: m[2] }
        // Sentence punctuation after a name ("thanks @ana.") is not part of it.
        : { kind: 'word', text: (m[3] as string).replace(/[.-]+$/, '') };
    const key = `${token.kind}:${token.text.toLowerCase()}`;
    if (token.text && !seen.has(key)) {
      seen.add(key);
      out.push(token);
    }
  }
  return out;
}

export type MentionCandidate = { id: string; name: string; email: string };

const fold = (s: string) => s.trim().toLowerCase();
const squash = (s: string) => fold(s).replace(/\s+/g, '');

/**
 * Resolves tokens to people (pure). A quoted name or an email must match exactly (any case); a
 * bare word matches a full name written without spaces, an email's local part, or a first name,
 * but a word that fits several people mentions none of them rather than guessing.
 */
export function matchMentions(tokens: readonly MentionToken[], people: readonly MentionCandidate[]): string[] {
  const ids: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const t of tokens) {
    const v = fold(t.text);
    if (t.kind === 'email') {
      for (const p of people) if (fold(p.email) === v) add(p.id);
      continue;
    }
    if (t.kind === 'quoted') {
      for (const p of people) if (fold(p.name) === v || fold(p.email) === v) add(p.id);
      continue;
    }
    const exact = people.filter((p) => squash(p.name) === v);
    const local = people.filter((p) => fold(p.email).split('@')[0] === v);
    const first = people.filter((p) => fold(p.name).split(/\s+/)[0] === v);
    const hits = [exact, local, first].find((h) => h.length > 0) ?? [];
    if (hits.length === 1) add(hits[0].id);
  }
  return ids;
}

/** The workspace members who can read a space: only they can be mentioned on its items. */
export async function mentionableIn(db: Db, workspaceId: string, space: { id: string; visibility: string }): Promise<MentionCandidate[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .leftJoin('space_members', (j) => j.onRef('space_members.user_id', '=', 'members.user_id').on('space_members.space_id', '=', space.id))
    .select(['users.id', 'users.name', 'users.email', 'members.role', 'space_members.user_id as spaceMember'])
    .where('members.workspace_id', '=', workspaceId)
    .orderBy('users.id')
    .execute();
  return rows
    .filter((r) => canReadSpace({ workspaceId, userId: r.id, role: r.role as Role, readOnly: false }, { visibility: space.visibility, isSpaceMember: r.spaceMember !== null }))
    .map(({ id, name, email }) => ({ id, name, email }));
}

/** Ids of the people a comment body mentions among those who can read the item's space. */
export async function resolveMentions(db: Db, workspaceId: string, space: { id: string; visibility: string }, body: string): Promise<string[]> {
  const tokens = parseMentions(body);
  if (tokens.length === 0) return [];
  return matchMentions(tokens, await mentionableIn(db, workspaceId, space));
}
