// Schemas of issue 4: routines and the scheduler.
export {};
