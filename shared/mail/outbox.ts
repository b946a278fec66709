import { precompiled } from '../db/precompiled';
import type { Db } from '../db/types';
import type { OutboxStatus } from '../db/tables/system.table';

/** A file sent with an e-mail, read from disk when the e-mail is delivered (e.g. an invoice PDF). */
export interface EmailAttachment {
  filename: string;
  /** Absolute path of a file Marelle wrote (never a path a user gave). */
  path: string;
  contentType: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  familyId?: number | null;
  attachments?: readonly EmailAttachment[];
}

/** The attachments column (JSON) back to a list; anything unreadable is dropped. */
export function parseAttachments(json: string | null): EmailAttachment[] {
  if (!json) return [];
  try {
    const list = JSON.parse(json) as unknown;
    if (!Array.isArray(list)) return [];
    return list.filter(
      (a): a is EmailAttachment =>
        typeof a === 'object' && a !== null && typeof (a as EmailAttachment).filename === 'string' && typeof (a as EmailAttachment).path === 'string' && typeof (a as EmailAttachment).contentType === 'string',
    );
  } catch {
    return [];
  }
}

/**
 * Every e-mail goes through the outbox table, written in the same transaction as the change it
 * reports: a crash can delay an e-mail, never lose it or send it for a change that was rolled back.
 */
export async function enqueueEmail(db: Db, email: OutgoingEmail, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await insertEmail.first(db, {
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html ?? null,
    attachments: email.attachments && email.attachments.length > 0 ? JSON.stringify(email.attachments) : null,
    familyId: email.familyId ?? null,
    at,
  });
  if (!row) throw new Error('E-mail non enregistré.');
  return row.id;
}

// Every request of a parent queues one: built once (precompiled.ts).
const insertEmail = precompiled<{ to: string; subject: string; text: string; html: string | null; attachments: string | null; familyId: number | null; at: string }>()(
  (db, slot) =>
    db
      .insertInto('email_outbox')
      .values({
        to_address: slot('to'),
        subject: slot('subject'),
        text_body: slot('text'),
        html_body: slot('html'),
        attachments: slot('attachments'),
        status: 'pending',
        next_attempt_at: slot('at'),
        family_id: slot('familyId'),
        created_at: slot('at'),
        sent_at: null,
        last_error: null,
      })
      .returning('id'),
);

export const MAX_ATTEMPTS = 10;
// Minutes to wait after the n-th failure: quick retries for a blip, then hours for an outage.
const BACKOFF_MINUTES = [1, 5, 15, 30, 60, 120, 240, 480, 720];

export const nextAttemptDelayMs = (attempts: number): number =>
  (BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)] ?? 720) * 60_000;

export interface OutboxItem {
  id: number;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
}

export async function listOutbox(db: Db, limit = 200): Promise<OutboxItem[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select(['id', 'to_address', 'subject', 'status', 'attempts', 'created_at', 'sent_at', 'last_error'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    lastError: r.last_error,
  }));
}
