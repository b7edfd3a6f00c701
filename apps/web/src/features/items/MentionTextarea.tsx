import type { Member } from '@weft/client';
import { type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';

// The `@word` being typed right before the caret; `@` must start a word, as the server requires
// (apps/server/src/commands/comments/mentions.ts), so an email address typed in full never opens it.
const TYPING = /(?:^|[^\p{L}\p{N}_.@])@([\p{L}\p{N}_.-]{0,40})$/u;

/**
 * How a chosen person is written so the server's parser resolves exactly them: `@"Full Name"`
 * (matched exactly, any case), or their email when someone else has the same name.
 */
export function mentionFor(m: Member, all: Member[]): string {
  const same = all.filter((o) => o.name.trim().toLowerCase() === m.name.trim().toLowerCase());
  return same.length === 1 && !m.name.includes('"') ? `@"${m.name}"` : `@${m.email}`;
}

function matches(members: Member[], typed: string): Member[] {
  const t = typed.toLowerCase();
  const starts = (s: string) => s.toLowerCase().split(/[\s.@_-]+/).some((w) => w.startsWith(t));
  return members.filter((m) => !t || starts(m.name) || m.email.toLowerCase().startsWith(t)).slice(0, 8);
}

type Props = { id: string; value: string; onChange: (v: string) => void; members: Member[]; rows?: number; required?: boolean };

/** A textarea that offers members after `@`: arrows choose, Enter or Tab inserts, Escape closes. */
export function MentionTextarea({ id, value, onChange, members, rows = 3, required }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const [query, setQuery] = useState<{ at: number; text: string } | null>(null);
  const [active, setActive] = useState(0);
  const options = query ? matches(members, query.text) : [];
  const open = options.length > 0;
  const current = Math.min(active, Math.max(options.length - 1, 0));

  const caretAfter = useRef<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose each time the text changes (the inserted mention is then in the DOM)
  useLayoutEffect(() => {
    const caret = caretAfter.current;
    if (caret === null || !ref.current) return;
    caretAfter.current = null;
    ref.current.focus();
    ref.current.setSelectionRange(caret, caret);
  }, [value]);

  function track(text: string, caret: number) {
    const m = TYPING.exec(text.slice(0, caret));
    setQuery(m ? { at: caret - m[1].length - 1, text: m[1] } : null);
    setActive(0);
  }
  function insert(m: Member) {
    if (!query) return;
    const end = query.at + 1 + query.text.length;
    const mention = `${mentionFor(m, members)} `;
    const next = value.slice(0, query.at) + mention + value.slice(end);
    onChange(next);
    setQuery(null);
    // Placed once the new text is in the DOM (the layout effect below), before the next key is
    // handled: a frame later, keys typed in between would land before the caret moved.
    caretAfter.current = query.at + mention.length;
  }
  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = options.length;
      setActive((current + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      const m = options[current];
      if (m) insert(m);
    } else if (e.key === 'Escape') {
      // Closing the list must not also close the panel around it.
      e.preventDefault();
      e.stopPropagation();
      setQuery(null);
    }
  }
  return (
    <div className="mention-box">
      <textarea
        ref={ref}
        id={id}
        rows={rows}
        value={value}
        required={required}
        // Stays a textbox (a multi-line field); the list is tied to it by aria-controls/activedescendant.
        aria-autocomplete="list"
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${current}` : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target.value, e.target.selectionStart);
        }}
        onSelect={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => setQuery(null)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <div id={listId} role="listbox" aria-label="Mention someone" className="mention-list">
          {options.map((m, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the textarea handles the keyboard (aria-activedescendant)
            <div
              key={m.userId}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === current}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => insert(m)}
              onMouseMove={() => setActive(i)}
            >
              {m.name} <span className="muted small">{m.email}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
