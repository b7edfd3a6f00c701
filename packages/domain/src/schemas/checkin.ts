// Schemas of issue 4: check-ins.
export {};
