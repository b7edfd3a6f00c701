import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type KeyboardEvent, useCallback, useDeferredValue, useId, useMemo, useState } from 'react';
import { client } from '../../lib/api';
import { useCurrentWorkspaceId, useSpaces } from '../../lib/queries';
import { toggleTheme } from '../../lib/theme';
import { openDialog } from '../../lib/ui-state';
import { Dialog } from '../../ui/Dialog';

type Command = { id: string; label: string; hint: string; run: () => void };

/** Ctrl/Cmd+K: every navigation and action by typing; arrows to choose, Enter to run. */
export function CommandPalette() {
  const ws = useCurrentWorkspaceId();
  const spaces = useSpaces(ws);
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(text.trim());
  const listId = useId();
  const close = useCallback(() => openDialog(null), []);
  const found = useQuery({
    queryKey: ['palette', ws, deferred],
    enabled: !!ws && deferred.length >= 2,
    // Free text is a full-text query; anything the query language refuses simply finds nothing here.
    queryFn: async () => (await client.items.query(ws as string, { q: deferred, limit: 8 }).catch(() => ({ data: [] }))).data,
    staleTime: 10_000,
  });

  const commands = useMemo<Command[]>(() => {
    const after = (f: () => void) => () => {
      openDialog(null);
      f();
    };
    const all: Command[] = [
      { id: 'create', label: 'Create item', hint: 'c', run: () => openDialog('quick-create') },
      { id: 'theme', label: 'Toggle dark mode', hint: 'theme', run: after(toggleTheme) },
      { id: 'shortcuts', label: 'Show keyboard shortcuts', hint: '?', run: () => openDialog('shortcuts') },
      { id: 'new-space', label: 'Create space', hint: 'space', run: () => openDialog('new-space') },
    ];
    if (ws) all.unshift({ id: 'mywork', label: 'Go to My work', hint: 'navigate', run: after(() => void navigate({ to: '/w/$workspaceId', params: { workspaceId: ws } })) });
    for (const s of spaces.data ?? []) {
      if (s.archivedAt) continue;
      all.push({
        id: `space-${s.id}`,
        label: `Go to ${s.name}`,
        hint: s.key,
        run: after(() => void navigate({ to: '/w/$workspaceId/s/$spaceId', params: { workspaceId: s.workspaceId, spaceId: s.id }, search: { view: 'board' } })),
      });
    }
    const needle = text.trim().toLowerCase();
    const matched = needle ? all.filter((c) => `${c.label} ${c.hint}`.toLowerCase().includes(needle)) : all;
    const items = (deferred.length >= 2 ? (found.data ?? []) : []).map((i) => ({
      id: `item-${i.id}`,
      label: `Open ${i.key} ${i.title}`,
      hint: 'item',
      run: after(() => void navigate({ to: '/items/$key', params: { key: i.key } })),
    }));
    return [...matched, ...items];
  }, [ws, spaces.data, navigate, text, deferred, found.data]);

  const current = Math.min(active, Math.max(commands.length - 1, 0));
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((current + 1) % Math.max(commands.length, 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((current - 1 + commands.length) % Math.max(commands.length, 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      commands[current]?.run();
    }
  }

  return (
    <Dialog title="Command palette" onClose={close} className="palette" hideTitle>
      <input
        className="palette-input"
        role="combobox"
        aria-label="Command or search"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={commands[current] ? `${listId}-${current}` : undefined}
        placeholder="Type a command, a space or an item…"
        value={text}
        autoFocus
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div id={listId} role="listbox" aria-label="Commands" className="palette-list">
        {commands.map((c, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard (aria-activedescendant)
          <div key={c.id} id={`${listId}-${i}`} role="option" tabIndex={-1} aria-selected={i === current} onClick={c.run} onMouseMove={() => setActive(i)}>
            <span>{c.label}</span> <span className="muted small">{c.hint}</span>
          </div>
        ))}
        </div>
      {commands.length === 0 && <p className="muted palette-empty">Nothing matches</p>}
    </Dialog>
  );
}
