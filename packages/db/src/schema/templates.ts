/** Tables of issue 4: templates. Same conventions as ../types.ts (ISO text instants, 0/1 booleans, JSON text). */
export type TemplatesTable = {
  id: string;
  workspace_id: string;
  /** 'item' | 'space' */
  kind: string;
  name: string;
  description: string;
  /** Scope: null for the whole workspace; a space's id to show it only to those who can read that space. */
  space_id: string | null;
  /** The kind's content (ItemTemplateContent or SpaceTemplateContent), JSON text. */
  content: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
};

export type TemplatesDatabase = { templates: TemplatesTable };
