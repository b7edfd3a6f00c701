import type { CommentsTable } from '@weft/db';
import type { Comment } from '@weft/domain';
import type { z } from 'zod';
import type { Membership } from '../context';
import { commentPolicy, type ItemSubject } from '../policies/item.policy';
import { abilitiesOf } from '../policies/policy';

/** Stored mention ids are JSON text; a damaged value shows as no mentions rather than failing the read. */
export function mentionIdsOf(raw: string): string[] {
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** A comment in its API shape, with what the actor may do with it. */
export function presentComment(c: CommentsTable, m: Membership, item: ItemSubject): z.infer<typeof Comment> {
  return {
    id: c.id,
    itemId: c.item_id,
    authorId: c.author_id,
    body: c.body,
    mentionIds: mentionIdsOf(c.mention_ids),
    version: Number(c.version),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    editedAt: c.edited_at,
    abilities: abilitiesOf(commentPolicy, m, { authorId: c.author_id, item }),
  };
}
