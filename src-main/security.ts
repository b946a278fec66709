/**
 * Origin checks and IPC argument validation for the Electron shell.
 * Pure module: no Electron import, unit-tested in Node.
 */

/** The origin (`scheme://host:port`) of an http(s) URL; null for anything else or unparsable input. */
export function httpOrigin(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.origin;
}

/** True when `url` is an http(s) URL of exactly `allowedOrigin` (scheme, host and port). */
export function isSameOrigin(url: string | null | undefined, allowedOrigin: string | null): boolean {
  if (!allowedOrigin) return false;
  const origin = httpOrigin(url);
  return origin !== null && origin === httpOrigin(allowedOrigin);
}

/** `will-navigate` / `will-redirect`: only the back-office origin may be shown in the window. */
export function navigationDecision(url: string, allowedOrigin: string | null): 'allow' | 'deny' {
  return isSameOrigin(url, allowedOrigin) ? 'allow' : 'deny';
}

/**
 * `setWindowOpenHandler`: no Electron window is ever opened. An http(s) link to another origin
 * (the family portal, a commune's website…) goes to the system browser; everything else is dropped.
 */
export function windowOpenDecision(url: string, allowedOrigin: string | null): 'open-external' | 'deny' {
  const origin = httpOrigin(url);
  if (origin === null) return 'deny';
  if (allowedOrigin !== null && origin === httpOrigin(allowedOrigin)) return 'deny';
  return 'open-external';
}

/** Every IPC handler checks that the calling frame shows the back-office. */
export function isTrustedSender(frameUrl: string | null | undefined, allowedOrigin: string | null): boolean {
  return isSameOrigin(frameUrl, allowedOrigin);
}

export const MAX_PDF_NAME_LENGTH = 200;
export const MAX_PDF_BYTES = 50 * 1024 * 1024;

export type SavePdfArgs = { ok: true; fileName: string; data: Uint8Array } | { ok: false; error: string };

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/**
 * Validates `marelle:save-pdf` arguments coming from the renderer (untrusted):
 * a suggested name (string, 1–200 characters) and the PDF bytes (Uint8Array, 1 byte – 50 MB,
 * starting with `%PDF-`). The name is reduced to a safe file name ending in `.pdf`.
 */
export function validateSavePdfArgs(suggestedName: unknown, data: unknown): SavePdfArgs {
  if (typeof suggestedName !== 'string') return { ok: false, error: 'Le nom du fichier doit être une chaîne.' };
  if (suggestedName.length > MAX_PDF_NAME_LENGTH) {
    return { ok: false, error: `Le nom du fichier dépasse ${MAX_PDF_NAME_LENGTH} caractères.` };
  }
  if (!(data instanceof Uint8Array)) return { ok: false, error: 'Le contenu du PDF doit être un Uint8Array.' };
  if (data.byteLength === 0) return { ok: false, error: 'Le PDF est vide.' };
  if (data.byteLength > MAX_PDF_BYTES) return { ok: false, error: 'Le PDF dépasse 50 Mo.' };
  if (!PDF_MAGIC.every((byte, i) => data[i] === byte)) return { ok: false, error: 'Le contenu n’est pas un document PDF.' };
  return { ok: true, fileName: safePdfFileName(suggestedName), data };
}

const isControl = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
};

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A bare file name (no directory, no control or reserved characters) ending in `.pdf`. */
export function safePdfFileName(suggestedName: string): string {
  const base = Array.from(suggestedName.normalize('NFC'), (ch) => (isControl(ch) ? '_' : ch))
    .join('')
    // Path separators and characters Windows refuses.
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    // No hidden files, no trailing dots/spaces (Windows).
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const stem = base.replace(/\.pdf$/i, '').replace(/[.\s]+$/, '');
  if (stem === '' || WINDOWS_RESERVED.test(stem)) return 'document.pdf';
  return `${stem}.pdf`;
}

/** The path chosen in the save dialog, with `.pdf` appended when the user typed no extension. */
export function ensurePdfExtension(filePath: string): string {
  return /\.pdf$/i.test(filePath) ? filePath : `${filePath}.pdf`;
}
