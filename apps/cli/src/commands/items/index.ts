import type { Command } from 'commander';
import type { Io } from '../../io';
import { registerAdd } from './add';
import { registerComment } from './comment';
import { registerEdit } from './edit';
import { registerList } from './list';
import { registerMove } from './move';
import { registerShow } from './show';

/** `weft items add|list|show|edit|move|done|comment`. */
export function registerItems(program: Command, io: Io): void {
  const items = program.command('items').description('add, find, show, change, move and comment on items');
  registerAdd(items, io);
  registerList(items, io);
  registerShow(items, io);
  registerEdit(items, io);
  registerMove(items, io);
  registerComment(items, io);
}
