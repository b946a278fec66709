import nodemailer from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { MAX_ATTEMPTS, nextAttemptDelayMs, parseAttachments, type EmailAttachment } from './outbox';

export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string; html?: string; attachments?: EmailAttachment[] }): Promise<void>;
  close(): void;
}

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(message) {
      // nodemailer reads each attachment's file at sending time.
      await transporter.sendMail(message);
    },
    close: () => transporter.close(),
  };
}

export interface DeliveryResult {
  sent: number;
  failed: number;
}

/**
 * Sends the due e-mails of the outbox one by one. Without a transport (no MARELLE_SMTP_URL),
 * e-mails simply stay pending, readable in the back-office.
 */
export async function deliverDueEmails(
  db: Kysely<Database>,
  transport: MailTransport | null,
  from: string,
  now: Date,
  batch = 50,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0 };
  if (!transport) return result;
  const due = await db
    .selectFrom('email_outbox')
    .select(['id', 'to_address', 'subject', 'text_body', 'html_body', 'attachments', 'attempts'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('id')
    .limit(batch)
    .execute();
  for (const mail of due) {
    const attempts = mail.attempts + 1;
    try {
      await transport.send({
        from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        ...(mail.html_body ? { html: mail.html_body } : {}),
        ...(mail.attachments ? { attachments: parseAttachments(mail.attachments) } : {}),
      });
      await db
        .updateTable('email_outbox')
        .set({ status: 'sent', attempts, sent_at: now.toISOString(), last_error: null })
        .where('id', '=', mail.id)
        .execute();
      result.sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message.slice(0, 500) : 'Erreur inconnue';
      await db
        .updateTable('email_outbox')
        .set({
          status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
          attempts,
          last_error: message,
          next_attempt_at: new Date(now.getTime() + nextAttemptDelayMs(attempts)).toISOString(),
        })
        .where('id', '=', mail.id)
        .execute();
      result.failed++;
    }
  }
  return result;
}
