// What a document really is, read from its first bytes: the name and the type the browser
// declares are chosen by the sender and prove nothing (a renamed .exe stays an .exe).

export type DocumentMimeType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** Bytes needed by `detectFileType`. */
export const SNIFF_BYTES = 8;

const SIGNATURES: readonly { mime: DocumentMimeType; bytes: readonly number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // "%PDF-"
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The accepted type whose signature starts `head`, or null for anything else. */
export function detectFileType(head: Uint8Array): DocumentMimeType | null {
  for (const { mime, bytes } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return mime;
  }
  return null;
}

export const EXTENSIONS: Record<DocumentMimeType, readonly [string, ...string[]]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
};

const MAX_NAME_LENGTH = 120;

/**
 * Control characters (C0, DEL, C1), the bidi controls that disguise an extension
 * ("facture\u202Efdp.exe"), and the characters Windows refuses in names.
 */
function isUnsafeChar(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  if (code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
  return '<>:"|?*'.includes(ch);
}

/**
 * A file name fit for display and for a download's Content-Disposition: no directories, no
 * control or reserved characters, at most 120 characters, and an extension matching the real
 * type (a PNG sent as "scan.pdf" is shown as "scan.png"). Never used as a path on disk.
 */
export function sanitizeFileName(raw: string | undefined, mime: DocumentMimeType): string {
  const wanted = EXTENSIONS[mime];
  const last = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const base = Array.from(last)
    .filter((ch) => !isUnsafeChar(ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const stem = (dot > 0 ? base.slice(0, dot) : base).trim() || 'document';
  const kept = dot > 0 && wanted.includes(ext) ? base.slice(dot + 1) : wanted[0];
  const room = MAX_NAME_LENGTH - kept.length - 1;
  return `${Array.from(stem).slice(0, room).join('').trim()}.${kept}`;
}

/** A plain-ASCII fallback of a name, for the `filename=` of Content-Disposition. */
export function asciiFileName(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\;]/g, '_');
  return ascii || 'document';
}
