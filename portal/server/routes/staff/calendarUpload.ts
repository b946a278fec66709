import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { AppError } from '../../../../shared/errors';

// The official school-calendar export is a small text file (about 1 MB for every académie since
// 2017): it is read into memory, never written to disk, unlike family documents
// (shared/documents/upload.ts), and parsed at once.

export const CALENDAR_FILE_FIELD = 'file';
export const MAX_CALENDAR_FILE_BYTES = 5 * 1024 * 1024;

/** Room for the multipart boundaries around the file. */
const ENVELOPE_BYTES = 16 * 1024;
/** After a refusal the rest of the body is read and dropped, so the browser gets the answer; past this, the connection is cut. */
const DISCARD_LIMIT_BYTES = 16 * 1024 * 1024;

export interface UploadRequest extends Readable {
  headers: IncomingHttpHeaders;
}

export interface ReceivedTextFile {
  /** The name the sender gave, untrusted: for display only. */
  clientName: string | undefined;
  text: string;
}

const invalidForm = (): AppError =>
  new AppError('validation', "Le formulaire envoyé est invalide ou incomplet. Réessayez l'envoi du fichier.");

const tooLarge = (): AppError =>
  new AppError('payload_too_large', `Le fichier dépasse ${MAX_CALENDAR_FILE_BYTES / (1024 * 1024)} Mo : ce n'est pas l'export du calendrier scolaire.`);

function discardRest(req: UploadRequest, alreadyRead: number): void {
  let discarded = alreadyRead;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

/** UTF-8 as published; a file re-saved by a spreadsheet on Windows may come back in Windows-1252. */
function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Receives the one file of a multipart/form-data request (field `file`), as text. */
export async function receiveCalendarFile(req: UploadRequest): Promise<ReceivedTextFile> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_CALENDAR_FILE_BYTES + ENVELOPE_BYTES) {
    discardRest(req, 0);
    throw tooLarge();
  }

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      // busboy signals each limit on reaching it: one more byte / part than allowed.
      limits: { fileSize: MAX_CALENDAR_FILE_BYTES + 1, files: 1, fields: 0, parts: 2, headerPairs: 20, fieldNameSize: 100 },
    });
  } catch {
    discardRest(req, 0);
    throw invalidForm();
  }

  const chunks: Buffer[] = [];
  let size = 0;
  let bytesSeen = 0;
  let gotFile = false;
  let clientName: string | undefined;

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('file', (name, stream, info) => {
      if (name !== CALENDAR_FILE_FIELD || gotFile) {
        stream.resume();
        reject(new AppError('validation', `Le fichier doit être envoyé seul, dans le champ « ${CALENDAR_FILE_FIELD} ».`));
        return;
      }
      gotFile = true;
      clientName = info.filename;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_CALENDAR_FILE_BYTES) chunks.push(chunk);
      });
      stream.on('limit', () => reject(tooLarge()));
      stream.on('error', () => reject(invalidForm()));
    });
    parser.on('filesLimit', () => reject(new AppError('validation', 'Envoyez un seul fichier à la fois.')));
    parser.on('fieldsLimit', () => reject(new AppError('validation', 'Le formulaire ne doit contenir que le fichier.')));
    parser.on('partsLimit', () => reject(new AppError('validation', 'Le formulaire ne doit contenir que le fichier.')));
    parser.on('error', () => reject(invalidForm()));
    parser.on('close', () => resolve());
    req.on('data', (chunk: Buffer) => {
      bytesSeen += chunk.length;
    });
    req.on('error', () => reject(invalidForm()));
    req.on('aborted', () => reject(invalidForm()));
    req.pipe(parser);
  });

  try {
    await parsed;
  } catch (error) {
    req.unpipe(parser);
    parser.removeAllListeners('file');
    parser.on('error', () => undefined);
    if (!req.readableEnded && !req.destroyed) discardRest(req, bytesSeen);
    throw error;
  }
  if (!gotFile) {
    throw new AppError('validation', 'Joignez le fichier officiel du calendrier scolaire (export CSV ou JSON).', [
      { path: CALENDAR_FILE_FIELD, message: 'Choisissez le fichier à importer.' },
    ]);
  }
  if (size === 0) throw new AppError('validation', 'Le fichier envoyé est vide.');
  return { clientName, text: decode(Buffer.concat(chunks)) };
}
