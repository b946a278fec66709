import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { AppError } from '../errors';
import { SNIFF_BYTES } from './file-type';
import { ensureDocumentsDir, newStorageKey, removeQuietly, tempFilePath, type FileArea } from './storage';

// One multipart/form-data upload: small text fields and exactly one file, streamed to a
// temporary file under the documents folder while it is hashed, counted and its first bytes
// kept for type detection. Past the size limit nothing more is written: the part is cut off,
// the temporary file removed, and the request fails before the rest is parsed.

export const FILE_FIELD = 'file';

/** Room for the multipart boundaries and the text fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;
/**
 * After a refusal the rest of the body is read and thrown away (not parsed, not stored) so that
 * the browser, still sending, gets to read the answer; past this much, the connection is cut.
 */
const DISCARD_LIMIT_BYTES = 32 * 1024 * 1024;

export interface ReceivedFile {
  /** The key the file will be stored under once the database row exists. */
  storageKey: string;
  tempPath: string;
  /** The name the sender gave, untrusted: for display after sanitising, never for a path. */
  clientName: string | undefined;
  sizeBytes: number;
  sha256: string;
  /** The first bytes, for `detectFileType`. */
  head: Buffer;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  file: ReceivedFile;
}

export interface UploadRequest extends Readable {
  headers: IncomingHttpHeaders;
}

export const tooLargeMessage = (maxBytes: number): string =>
  `Le fichier dépasse ${Math.round(maxBytes / (1024 * 1024))} Mo.`;

const invalidForm = (): AppError =>
  new AppError('validation', "Le formulaire envoyé est invalide ou incomplet. Réessayez l'envoi du fichier.");

/** Reads and drops what the client still sends, up to a bound, then closes the connection. */
function discardRest(req: UploadRequest, alreadyRead: number): void {
  let discarded = alreadyRead;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

interface State {
  writer: fs.WriteStream | null;
  tempPath: string | null;
  file: ReceivedFile | null;
  writing: Promise<void> | null;
  bytesSeen: number;
}

/**
 * Receives the upload of `req` into `<dataDir>/files/<area>/<key>.part`. On any failure
 * (too large, several files, malformed form, client gone) the temporary file is removed before
 * the AppError is thrown. On success the caller owns the temporary file: it must rename it (see
 * `storeDocument`) or remove it.
 */
export async function receiveUpload(
  req: UploadRequest,
  /** `area`: the folder under files/ (default `documents`; the portal content uses `content`). */
  options: { dataDir: string; maxBytes: number; allowedFields: readonly string[]; area?: FileArea },
): Promise<ReceivedUpload> {
  const area = options.area ?? 'documents';
  const tooLarge = new AppError('payload_too_large', tooLargeMessage(options.maxBytes));
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes + ENVELOPE_BYTES) {
    // The client says so itself: refuse before parsing a byte of the file. The answer leaves at
    // once; the body is dropped as it comes, and the connection cut past DISCARD_LIMIT_BYTES.
    discardRest(req, 0);
    throw tooLarge;
  }
  await ensureDocumentsDir(options.dataDir, area);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Browsers send file names as raw UTF-8.
      defParamCharset: 'utf8',
      limits: {
        // busboy signals 'limit' on reaching the size: one byte more tells a file over the limit.
        fileSize: options.maxBytes + 1,
        files: 1,
        fields: options.allowedFields.length,
        // As for the size, busboy signals on reaching the count: one more than fields + file.
        parts: options.allowedFields.length + 2,
        fieldNameSize: 100,
        fieldSize: 1024,
        headerPairs: 20,
      },
    });
  } catch {
    discardRest(req, 0);
    throw invalidForm();
  }

  const state: State = { writer: null, tempPath: null, file: null, writing: null, bytesSeen: 0 };
  const fields: Record<string, string> = {};

  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('file', (name, stream, info) => {
      if (name !== FILE_FIELD || state.writer) {
        stream.resume();
        if (name !== FILE_FIELD) reject(new AppError('validation', `Le fichier doit être envoyé dans le champ « ${FILE_FIELD} ».`));
        return;
      }
      const storageKey = newStorageKey();
      const tempPath = tempFilePath(options.dataDir, storageKey, area);
      const writer = fs.createWriteStream(tempPath, { flags: 'wx', mode: 0o600 });
      state.writer = writer;
      state.tempPath = tempPath;
      const hash = createHash('sha256');
      let size = 0;
      let head = Buffer.alloc(0);
      stream.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
        if (head.length < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
      });
      stream.on('limit', () => reject(tooLarge));
      state.writing = pipeline(stream, writer).then(() => {
        state.file = { storageKey, tempPath, clientName: info.filename, sizeBytes: size, sha256: hash.digest('hex'), head };
      });
      state.writing.catch(() => reject(invalidForm()));
    });
    parser.on('field', (name, value, info) => {
      if (!options.allowedFields.includes(name)) {
        reject(new AppError('validation', `Champ inattendu dans le formulaire : « ${name.slice(0, 40)} ».`));
      } else if (info.nameTruncated || info.valueTruncated) {
        reject(new AppError('validation', `Le champ « ${name} » est trop long.`));
      } else {
        fields[name] = value;
      }
    });
    parser.on('filesLimit', () => reject(new AppError('validation', 'Envoyez un seul fichier à la fois.')));
    parser.on('fieldsLimit', () => reject(new AppError('validation', 'Le formulaire contient trop de champs.')));
    parser.on('partsLimit', () => reject(new AppError('validation', 'Le formulaire contient trop de champs.')));
    parser.on('error', () => reject(invalidForm()));
    parser.on('close', () => {
      (state.writing ?? Promise.resolve()).then(resolve, () => reject(invalidForm()));
    });
    req.on('data', (chunk: Buffer) => {
      state.bytesSeen += chunk.length;
    });
    req.on('error', () => reject(invalidForm()));
    req.on('aborted', () => reject(invalidForm()));
    req.pipe(parser);
  });

  try {
    await parsed;
  } catch (error) {
    // Stop parsing at once: nothing past the failure reaches the disk.
    req.unpipe(parser);
    parser.removeAllListeners('file');
    parser.on('error', () => undefined);
    if (!req.readableEnded && !req.destroyed) discardRest(req, state.bytesSeen);
    await discardTemp(state);
    throw error;
  }
  if (!state.file) throw new AppError('validation', 'Joignez un fichier au format PDF, JPEG ou PNG.');
  if (state.file.sizeBytes === 0) {
    await removeQuietly(state.file.tempPath);
    throw new AppError('validation', 'Le fichier envoyé est vide.');
  }
  return { fields, file: state.file };
}

async function discardTemp(state: State): Promise<void> {
  const { writer, tempPath } = state;
  if (writer && !writer.closed) {
    const closed = once(writer, 'close');
    writer.destroy();
    await closed.catch(() => undefined);
  }
  if (tempPath) await removeQuietly(tempPath);
}
