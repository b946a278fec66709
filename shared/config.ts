import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** On unless set to 0 or false. */
const boolOn = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v !== '0' && v !== 'false');

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const envSchema = z.object({
  MARELLE_DATA_DIR: z.string().min(1).default('data'),
  MARELLE_PORTAL_PORT: port(3000),
  MARELLE_PORTAL_HOST: z.string().min(1).default('0.0.0.0'),
  MARELLE_BACKOFFICE_PORT: port(3001),
  MARELLE_BACKOFFICE_HOST: z.string().min(1).default('127.0.0.1'),
  MARELLE_PUBLIC_URL: z.url().optional(),
  MARELLE_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'MARELLE_SMTP_URL doit commencer par smtp:// ou smtps://').optional(),
  MARELLE_MAIL_FROM: z.string().min(3).default('Portail famille <portail@mairie.demo>'),
  MARELLE_NOW: z.iso.datetime({ offset: true }).optional(),
  MARELLE_DEMO: bool,
  MARELLE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MARELLE_TRUST_PROXY: bool,
  MARELLE_BOOKING_WORKER: boolOn,
});

export interface Config {
  dataDir: string;
  portal: { host: string; port: number };
  backoffice: { host: string; port: number };
  /** The address parents use; shown in the back-office and used in e-mails. */
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  fixedNow: string | undefined;
  demo: boolean;
  logLevel: string;
  /** Behind a TLS reverse proxy: trust X-Forwarded-* (client address, https). */
  trustProxy: boolean;
  /** The parents' requests validated on the booking worker's thread (decision 0017); MARELLE_BOOKING_WORKER=0: on the server's. */
  bookingWorker: boolean;
}

/** Reads the MARELLE_* variables; a wrong value stops the start with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.MARELLE_DATA_DIR),
    portal: { host: e.MARELLE_PORTAL_HOST, port: e.MARELLE_PORTAL_PORT },
    backoffice: { host: e.MARELLE_BACKOFFICE_HOST, port: e.MARELLE_BACKOFFICE_PORT },
    publicUrl: e.MARELLE_PUBLIC_URL ?? `http://127.0.0.1:${e.MARELLE_PORTAL_PORT}`,
    smtpUrl: e.MARELLE_SMTP_URL,
    mailFrom: e.MARELLE_MAIL_FROM,
    fixedNow: e.MARELLE_NOW,
    demo: e.MARELLE_DEMO,
    logLevel: e.MARELLE_LOG_LEVEL,
    trustProxy: e.MARELLE_TRUST_PROXY,
    bookingWorker: e.MARELLE_BOOKING_WORKER,
  };
}
