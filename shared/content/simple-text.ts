/*
 * "Mise en forme simple" of news and information pages: what staff type in a plain text area,
 * read by ONE parser whose small tree both the portal and the back-office preview render with
 * React elements. Nothing staff write ever reaches a page as HTML: `<script>` stays the text
 * "<script>", and the only links are the https:// addresses written in full.
 *
 *   - paragraphs are separated by a blank line; a single line break stays a line break;
 *   - `**gras**` and `*italique*` (the markers must hug the words: "5 * 3" stays as typed);
 *   - a line starting with "- " is a list item; consecutive items form one list;
 *   - a bare https:// address becomes a link (a trailing "." or ")" of the sentence is left out).
 */

export type SimpleInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: SimpleInline[] }
  | { type: 'em'; children: SimpleInline[] }
  | { type: 'link'; href: string; text: string }
  | { type: 'break' };

export type SimpleBlock = { type: 'paragraph'; children: SimpleInline[] } | { type: 'list'; items: SimpleInline[][] };

export interface SimpleDocument {
  blocks: SimpleBlock[];
}

const LIST_ITEM = /^[ \t]*- +(.*)$/;
const URL_START = /https:\/\//g;
/** Characters that end an address: spaces, and what never appears unescaped in one. */
const URL_END = /[\s<>"]/;
/** Punctuation closing a sentence after an address rather than belonging to it. */
const TRAILING_PUNCTUATION = /[.,;:!?»'"*]+$/;

/** Parses staff text into blocks. Pure: the same text always gives the same tree. */
export function parseSimpleText(text: string): SimpleDocument {
  const normalized = text.replace(/\r\n?/g, '\n');
  const blocks: SimpleBlock[] = [];
  for (const chunk of normalized.split(/\n[ \t]*\n/)) {
    const lines = chunk.split('\n').filter((line) => line.trim() !== '');
    // A chunk may hold a sentence and its list ("Au menu :" then "- soupe"): runs of each kind.
    let run: { list: boolean; lines: string[] } | null = null;
    const flush = () => {
      if (!run) return;
      if (run.list) {
        blocks.push({ type: 'list', items: run.lines.map((line) => parseInline(line.trim(), 0)) });
      } else {
        const children: SimpleInline[] = [];
        run.lines.forEach((line, index) => {
          if (index > 0) children.push({ type: 'break' });
          children.push(...parseInline(line.trim(), 0));
        });
        blocks.push({ type: 'paragraph', children });
      }
      run = null;
    };
    for (const line of lines) {
      const item = LIST_ITEM.exec(line);
      const isItem = item !== null && (item[1] ?? '').trim() !== '';
      if (!run || run.list !== isItem) {
        flush();
        run = { list: isItem, lines: [] };
      }
      run.lines.push(isItem ? (item?.[1] ?? '') : line);
    }
    flush();
  }
  return { blocks };
}

const MAX_DEPTH = 2;
/** `closingMarker` searched the whole rest of the line in vain (not just a bad opening). */
const NO_PARTNER = -2;

/** Bold, italic and links of one line; markers without their partner stay as typed. */
function parseInline(text: string, depth: number, inside: 'strong' | 'em' | null = null): SimpleInline[] {
  const out: SimpleInline[] = [];
  let plain = '';
  // A marker that found no partner from some position finds none from any later one either:
  // remembering it keeps a long line full of lone asterisks linear instead of quadratic.
  const unclosedFrom = { '**': Infinity, '*': Infinity };
  const close = (start: number, marker: '**' | '*'): number => {
    if (start >= unclosedFrom[marker]) return -1;
    const end = closingMarker(text, start, marker);
    if (end === NO_PARTNER) unclosedFrom[marker] = start;
    return end;
  };
  const pushText = () => {
    if (plain !== '') out.push(...linkify(plain));
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('https://', i)) {
      // An address is taken whole: its asterisks are not emphasis (linkify reads it later).
      const end = addressEnd(text, i);
      plain += text.slice(i, end);
      i = end;
      continue;
    }
    if (depth < MAX_DEPTH && text.startsWith('**', i) && inside !== 'strong') {
      const end = close(i + 2, '**');
      if (end > 0) {
        pushText();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end), depth + 1, 'strong') });
        i = end + 2;
        continue;
      }
    }
    if (depth < MAX_DEPTH && text[i] === '*' && text[i + 1] !== '*' && inside !== 'em') {
      const end = close(i + 1, '*');
      if (end > 0) {
        pushText();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, end), depth + 1, 'em') });
        i = end + 1;
        continue;
      }
    }
    plain += text[i];
    i += 1;
  }
  pushText();
  return out;
}

/**
 * Where the marker opened just before `start` closes, or a negative number. The opening marker must be followed
 * by a non-space and the closing one preceded by one, so that arithmetic ("2 * 3 * 4") and
 * stray asterisks are left alone. An address is skipped whole: a "*" inside a URL closes nothing.
 */
function closingMarker(text: string, start: number, marker: '**' | '*'): number {
  const first = text[start];
  if (first === undefined || /\s/.test(first) || first === '*') return -1;
  let j = start;
  while (j < text.length) {
    if (text.startsWith('https://', j)) {
      j = addressEnd(text, j);
      continue;
    }
    // Looking for an italic's "*", a "**" met on the way is a bold marker, not the partner.
    if (marker === '*' && text.startsWith('**', j)) {
      j += 2;
      continue;
    }
    if (text.startsWith(marker, j) && j > start && !/\s/.test(text[j - 1] ?? ' ')) {
      // "***" closing a bold that holds an italic: the bold's "**" are the last two.
      if (marker === '**') while (text[j + 2] === '*') j += 1;
      return j;
    }
    j += 1;
  }
  return NO_PARTNER;
}

/**
 * Where the address starting at `start` ends: at a space or a character never found bare in
 * one, less any asterisks that close an emphasis around it ("**https://exemple.fr**").
 */
function addressEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && !URL_END.test(text[end] ?? ' ')) end += 1;
  while (end > start && text[end - 1] === '*') end -= 1;
  return end;
}

/** Splits plain text around its https:// addresses. */
function linkify(text: string): SimpleInline[] {
  const out: SimpleInline[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_START)) {
    const start = match.index;
    if (start < last) continue;
    // "xhttps://" is not an address someone wrote on its own.
    if (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) continue;
    let candidate = text.slice(start, addressEnd(text, start)).replace(TRAILING_PUNCTUATION, '');
    // A closing parenthesis belongs to the address only if it opened one.
    while (candidate.endsWith(')') && count(candidate, '(') < count(candidate, ')')) {
      candidate = candidate.slice(0, -1).replace(TRAILING_PUNCTUATION, '');
    }
    const href = safeHttpsUrl(candidate);
    if (!href) continue;
    if (start > last) out.push({ type: 'text', text: text.slice(last, start) });
    out.push({ type: 'link', href, text: candidate });
    last = start + candidate.length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

const count = (text: string, ch: string): number => text.split(ch).length - 1;

/** The address as the browser should follow it, or null if it is not a plain https URL with a host. */
function safeHttpsUrl(candidate: string): string | null {
  if (candidate.length <= 'https://'.length) return null;
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') return null;
    return url.href;
  } catch {
    return null;
  }
}

/** The words of a document without its formatting (for a summary, a search or a length). */
export function simpleTextToPlain(doc: SimpleDocument): string {
  const inline = (nodes: SimpleInline[]): string =>
    nodes
      .map((node) => {
        switch (node.type) {
          case 'text':
            return node.text;
          case 'link':
            return node.text;
          case 'break':
            return '\n';
          default:
            return inline(node.children);
        }
      })
      .join('');
  return doc.blocks
    .map((block) => (block.type === 'paragraph' ? inline(block.children) : block.items.map((item) => `- ${inline(item)}`).join('\n')))
    .join('\n\n');
}
