/**
 * A product description's rich text, reduced to a small safe subset: p, br, strong, em, ul, ol, li,
 * with no attributes at all. Everything else is stripped: other tags vanish (their text stays),
 * script, style and similar elements vanish with their content, comments vanish, and every `<`, `>`
 * or stray `&` in text is escaped. Tags are balanced, so the result can be placed in a page as HTML.
 * Pure and small enough to read whole; rich-text.test.ts holds the hostile cases.
 */

const ALLOWED = new Set(['p', 'br', 'strong', 'em', 'ul', 'ol', 'li']);
const VOID = new Set(['br']);
/** elements whose content is code or markup, never text to show */
const DROP_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'noscript',
  'template',
  'textarea',
  'title',
  'svg',
  'math',
  'xmp',
  'noembed',
  'noframes',
]);
/** b and i mean the same in a description; they are kept as strong and em */
const ALIASES: Record<string, string> = { b: 'strong', i: 'em' };

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>|<![^>]*>|<\?[^>]*>/g;

const escapeText = (text: string) =>
  text
    .replace(/&(?!(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

export function sanitizeRichText(input: string): string {
  let out = '';
  const open: string[] = [];
  let dropping: string | null = null;
  let last = 0;
  const text = (t: string) => {
    if (!dropping) out += escapeText(t);
  };
  for (const m of input.matchAll(TOKEN)) {
    text(input.slice(last, m.index));
    last = m.index + m[0].length;
    const closing = m[1] === '/';
    const raw = m[2]?.toLowerCase();
    if (!raw) continue; // comment, doctype, processing instruction
    if (dropping) {
      if (closing && raw === dropping) dropping = null;
      continue;
    }
    if (DROP_CONTENT.has(raw)) {
      if (!closing && !m[3]?.trim().endsWith('/')) dropping = raw;
      continue;
    }
    const tag = ALIASES[raw] ?? raw;
    if (!ALLOWED.has(tag)) continue;
    if (VOID.has(tag)) {
      out += '<br>';
      continue;
    }
    if (!closing) {
      out += `<${tag}>`;
      open.push(tag);
    } else if (open.includes(tag)) {
      // close what was left open inside it, then it
      while (open.length) {
        const top = open.pop()!;
        out += `</${top}>`;
        if (top === tag) break;
      }
    }
  }
  text(input.slice(last));
  while (open.length) out += `</${open.pop()}>`;
  return out;
}

/** The text a sanitised description shows, for "is it empty?" checks. */
export const richTextIsEmpty = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .trim() === '';
