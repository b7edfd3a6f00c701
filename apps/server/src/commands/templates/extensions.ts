import type { SpacesTable } from '@weft/db';
import type { Ctx, Membership } from '../../context';
import type { Tx } from '../../tx';

/**
 * The extension point of space templates for areas built beside them (routines, intake forms).
 * An area registers one handler for its key: `capture` reads what a space has (for "save this space
 * as a template"), `apply` creates it in a new space inside the apply transaction, through the
 * area's own commands. Entries are opaque to templates; the handler validates its own (a bad entry
 * throws VALIDATION_FAILED and the whole apply rolls back).
 *
 * A template that carries entries for a key with no handler is refused on apply
 * (422 TEMPLATE_UNSUPPORTED) rather than silently creating half of it.
 */
export type SpaceTemplateExtension = {
  key: 'routines' | 'forms' | 'slaPolicies';
  capture(tx: Tx, spaceId: string): Promise<Array<Record<string, unknown>>>;
  apply(tx: Tx, ctx: Ctx, m: Membership, space: SpacesTable, entries: ReadonlyArray<Record<string, unknown>>): Promise<ExtensionApplied>;
};

/** What an extension made (ids and names) and the references it left out, merged into the apply answer's `dropped`. */
export type ExtensionApplied = { made: Array<{ id: string; name: string }>; dropped?: { assigneeIds?: string[]; fieldIds?: string[]; labelIds?: string[]; calendarIds?: string[] } };

const registry = new Map<SpaceTemplateExtension['key'], SpaceTemplateExtension>();

/** Registers (or replaces) the handler of one key; call it once when the area's module loads. */
export function registerSpaceTemplateExtension(ext: SpaceTemplateExtension): void {
  registry.set(ext.key, ext);
}

/** The handler of a key, if an area registered one. */
export function spaceTemplateExtension(key: SpaceTemplateExtension['key']): SpaceTemplateExtension | undefined {
  return registry.get(key);
}

export const EXTENSION_KEYS: ReadonlyArray<SpaceTemplateExtension['key']> = ['routines', 'forms', 'slaPolicies'];
