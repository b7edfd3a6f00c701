/** Permissions and error codes of issue 4: templates; merged into PERMISSIONS and ERROR_CATALOGUE. */
export const TEMPLATE_PERMISSIONS = ['template.read', 'template.create', 'template.update', 'template.delete'] as const;
export const TEMPLATE_ERRORS = {
  TEMPLATE_NOT_FOUND: 404,
  /** The template holds parts (routines, forms) no handler on this server can create yet. */
  TEMPLATE_UNSUPPORTED: 422,
} as const;
