/**
 * Invoice PDFs on disk, beside the store: files/invoices/<random key>, the same rules as
 * the documents' area (a name Marelle chooses, written to a temporary file then renamed, so a crash
 * never leaves a half-written PDF under its final name).
 */
import fs from 'node:fs';
import path from 'node:path';
import { newStorageKey } from '../documents/storage';

const KEY = /^[0-9a-f]{32}$/;

export const invoicesDir = (dataDir: string): string => path.join(dataDir, 'files', 'invoices');

export function invoicePdfPath(dataDir: string, key: string): string {
  if (!KEY.test(key)) throw new Error(`Invalid storage key: ${key}`);
  return path.join(invoicesDir(dataDir), key);
}

/** Writes the PDF under a new key and returns the key. */
export async function storeInvoicePdf(dataDir: string, bytes: Buffer): Promise<string> {
  await fs.promises.mkdir(invoicesDir(dataDir), { recursive: true, mode: 0o700 });
  const key = newStorageKey();
  const final = invoicePdfPath(dataDir, key);
  const temp = `${final}.part`;
  await fs.promises.writeFile(temp, bytes, { mode: 0o600 });
  await fs.promises.rename(temp, final);
  return key;
}

export async function readInvoicePdf(dataDir: string, key: string): Promise<Buffer | null> {
  try {
    return await fs.promises.readFile(invoicePdfPath(dataDir, key));
  } catch {
    return null;
  }
}
