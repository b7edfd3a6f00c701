import type { Command } from 'commander';
import type { Io } from '../io';

/** CLI verbs of issue 4: check-ins. */
export function registerCheckins(_program: Command, _io: Io): void {}
