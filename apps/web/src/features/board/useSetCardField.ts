import type { Item } from '@weft/client';
import { type Board, type BoardCard, client } from '../../lib/api';
import { qk } from '../../lib/keys';
import { useOptimisticMutation } from '../../lib/optimistic';
import { fieldPatch, patchCard, type SelectField, setCardField, withFieldValue } from './columns';

export type FieldVars = { card: BoardCard; field: SelectField; value: string | null; version: number; spaceId: string };

/** The select value as the server has it now (the item's `fields` holds every type; the card only selects). */
const serverValue = (item: Item, fieldId: string): string | null => {
  const v = item.fields[fieldId];
  return typeof v === 'string' ? v : null;
};

const optionName = (f: SelectField, id: string | null) => f.options.find((o) => o.id === id)?.name ?? 'No value';

/**
 * A drop in another option column: `PATCH /items/{id}` with `{ version, fields: { [fieldId]: optionId | null } }`,
 * shown at once, undone if refused. `field` is the board's column field, named in a conflict's summary.
 */
export function useSetCardField(field: SelectField | null) {
  return useOptimisticMutation<FieldVars, Item>({
    mutationFn: (v) => client.items.update(v.card.id, fieldPatch({ version: v.version }, v.field.id, v.value)),
    keys: (v) => [qk.board(v.spaceId)],
    apply: (qc, v) => qc.setQueryData<Board>(qk.board(v.spaceId), (b) => b && setCardField(b, v.card.id, v.field.id, v.value)),
    onSuccess: (qc, item, v) => {
      qc.setQueryData<Board>(qk.board(v.spaceId), (b) => b && patchCard(b, item.id, (c) => ({ ...withFieldValue(c, v.field.id, serverValue(item, v.field.id)), version: item.version })));
      qc.setQueryData(qk.item(item.key), item);
    },
    describe: (v) => `Setting ${v.field.name} of ${v.card.key}`,
    conflict: {
      summarize: (c) => {
        const cur = c as Item;
        const lines = [`${cur.key}: “${cur.title}”`];
        if (field) lines.push(`${field.name}: ${optionName(field, serverValue(cur, field.id))}`);
        return lines;
      },
      store: (qc, c, v) => {
        const cur = c as Item;
        qc.setQueryData<Board>(qk.board(v.spaceId), (b) =>
          b && patchCard(b, cur.id, (card) => ({ ...withFieldValue(card, v.field.id, serverValue(cur, v.field.id)), version: cur.version, statusId: cur.statusId, title: cur.title, position: cur.position })),
        );
      },
      reapply: (c, v) => ({ ...v, version: (c as Item).version }),
    },
    invalidate: () => [qk.itemsAll],
  });
}
