import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Raw HTML in markdown is shown as text, not passed through: what people type is what they see.
// Images become plain links until attachments land (no request leaves on render).
const md = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    html: (t: Tokens.HTML | Tokens.Tag) => escapeHtml(t.text),
    image: (t: Tokens.Image) => `<a href="${escapeHtml(t.href)}">${escapeHtml(t.text || t.href)}</a>`,
  },
});

// Second line of defence: DOMPurify with the HTML profile only (no SVG/MathML), no forms or media.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** Markdown → sanitized HTML, safe to set as innerHTML. */
export function renderMarkdown(src: string): string {
  const html = md.parse(src, { async: false }) as string;
  return DOMPurify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['img', 'style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'video', 'audio', 'picture', 'source'],
    FORBID_ATTR: ['style', 'srcset'],
  });
}
