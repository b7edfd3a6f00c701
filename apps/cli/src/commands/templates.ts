import type { Command } from 'commander';
import type { Io } from '../io';

/** CLI verbs of issue 4: item and space templates. */
export function registerTemplates(_program: Command, _io: Io): void {}
