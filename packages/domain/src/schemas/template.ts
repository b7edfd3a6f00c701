// Schemas of issue 4: templates.
export {};
