import { useCallback, useState } from 'react';

const KEY = 'weft.table.widths';
export const MIN_WIDTH = 60;

const read = (): Record<string, number> => {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
};

/** Column widths chosen by dragging, kept in localStorage across reloads (by column id). */
export function useColumnWidths() {
  const [widths, setWidths] = useState<Record<string, number>>(read);
  const setWidth = useCallback((id: string, w: number) => {
    setWidths((prev) => {
      const next = { ...prev, [id]: Math.max(MIN_WIDTH, Math.round(w)) };
      localStorage.setItem(KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return { widths, setWidth };
}
