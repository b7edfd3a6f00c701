/**
 * Date placeholders in routine titles: `Payroll {{date:MMMM YYYY}}` → `Payroll March 2026`.
 * Hand-written (about 40 lines) rather than a date library: the token set is small, fixed and
 * English, and the input is a plain local date, so there is no zone or locale logic to get wrong.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Format tokens, longest first so `MMMM` wins over `MM`. Text in [brackets] is copied literally. */
export const TITLE_DATE_TOKENS = ['YYYY', 'YY', 'MMMM', 'MMM', 'MM', 'M', 'DD', 'D', 'dddd', 'ddd', 'Q', 'WW', 'W'] as const;
const TOKEN_RE = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|Q|WW|W/g;
const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

function isoWeek(y: number, m: number, d: number): number {
  const date = new Date(Date.UTC(y, m - 1, d));
  const day = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  return 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}

/** Formats a local date 'YYYY-MM-DD' with the tokens above. */
export function formatLocalDate(date: string, format: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const values: Record<string, string> = {
    YYYY: String(y),
    YY: p2(y % 100),
    MMMM: MONTHS[m - 1] as string,
    MMM: (MONTHS[m - 1] as string).slice(0, 3),
    MM: p2(m),
    M: String(m),
    DD: p2(d),
    D: String(d),
    dddd: DAYS[weekday] as string,
    ddd: (DAYS[weekday] as string).slice(0, 3),
    Q: String(Math.floor((m - 1) / 3) + 1),
    WW: p2(isoWeek(y, m, d)),
    W: String(isoWeek(y, m, d)),
  };
  return format.replace(TOKEN_RE, (tok, literal: string | undefined) => (literal !== undefined ? literal : (values[tok] ?? tok)));
}

/** Problems with a title template's placeholders (only `{{date}}` and `{{date:FORMAT}}` exist). */
export function titleTemplateErrors(template: string): string[] {
  const errors: string[] = [];
  for (const m of template.matchAll(PLACEHOLDER_RE)) {
    const body = m[1] ?? '';
    if (body !== 'date' && !body.startsWith('date:')) errors.push(`unknown placeholder {{${body}}}: use {{date}} or {{date:FORMAT}}, e.g. {{date:MMMM YYYY}}`);
  }
  return errors;
}

/** Renders a title template for the occurrence on a local date; `{{date}}` alone is YYYY-MM-DD. */
export function renderTitle(template: string, localDate: string): string {
  return template.replace(PLACEHOLDER_RE, (whole, body: string) => {
    if (body === 'date') return localDate;
    if (body.startsWith('date:')) return formatLocalDate(localDate, body.slice(5));
    return whole;
  });
}
