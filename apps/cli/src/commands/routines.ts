import type { Command } from 'commander';
import type { Io } from '../io';

/** CLI verbs of issue 4: routines (recurring work). */
export function registerRoutines(_program: Command, _io: Io): void {}
