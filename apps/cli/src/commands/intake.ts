import type { Command } from 'commander';
import type { Io } from '../io';

/** CLI verbs of issue 4: intake forms, requests, SLA policies and working calendars. */
export function registerIntake(_program: Command, _io: Io): void {}
