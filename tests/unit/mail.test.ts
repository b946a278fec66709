import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../shared/db/store';
import { deliverDueEmails, smtpTransport } from '../../shared/mail/delivery';
import { enqueueEmail, MAX_ATTEMPTS } from '../../shared/mail/outbox';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp';

let store: Store;
let smtp: SmtpReceiver;
beforeEach(async () => {
  store = openStore({ file: ':memory:' });
  smtp = await startSmtpReceiver();
});
afterEach(async () => {
  await store.close();
  await smtp.close();
});

const now = new Date('2026-11-26T09:00:00Z');

describe('e-mail outbox', () => {
  it('delivers queued e-mails over real SMTP and marks them sent', async () => {
    await enqueueEmail(store.db, { to: 'parent@example.fr', subject: 'Votre demande', text: 'Bonjour,\nVotre demande est ACCEPTÉE.' }, now);
    const transport = smtpTransport(smtp.url);
    const result = await deliverDueEmails(store.db, transport, 'Portail <portail@mairie.test>', now);
    transport.close();
    expect(result).toEqual({ sent: 1, failed: 0 });
    const mail = await smtp.waitFor((m) => m.to.includes('parent@example.fr'));
    expect(mail.subject).toBe('Votre demande');
    expect(mail.text).toContain('ACCEPTÉE');
    const row = await store.db.selectFrom('email_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
    expect(row.sent_at).toBe(now.toISOString());
  });

  it('keeps e-mails pending without SMTP', async () => {
    await enqueueEmail(store.db, { to: 'p@example.fr', subject: 's', text: 't' }, now);
    expect(await deliverDueEmails(store.db, null, 'x@y.fr', now)).toEqual({ sent: 0, failed: 0 });
    expect((await store.db.selectFrom('email_outbox').select('status').executeTakeFirstOrThrow()).status).toBe('pending');
  });

  it('retries a failed send later, never loses it, and gives up after the last attempt', async () => {
    await enqueueEmail(store.db, { to: 'p@example.fr', subject: 's', text: 't' }, now);
    const down = smtpTransport('smtp://127.0.0.1:1');
    let at = now;
    const r1 = await deliverDueEmails(store.db, down, 'x@y.fr', at);
    expect(r1.failed).toBe(1);
    let row = await store.db.selectFrom('email_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toBeTruthy();
    // Not due again immediately.
    expect(await deliverDueEmails(store.db, down, 'x@y.fr', at)).toEqual({ sent: 0, failed: 0 });
    // Now the server is back: the retry goes through.
    at = new Date(row.next_attempt_at);
    const up = smtpTransport(smtp.url);
    expect((await deliverDueEmails(store.db, up, 'x@y.fr', at)).sent).toBe(1);
    up.close();
    await smtp.waitFor((m) => m.to.includes('p@example.fr'));

    await enqueueEmail(store.db, { to: 'q@example.fr', subject: 's', text: 't' }, now);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      row = await store.db.selectFrom('email_outbox').selectAll().where('to_address', '=', 'q@example.fr').executeTakeFirstOrThrow();
      await deliverDueEmails(store.db, down, 'x@y.fr', new Date(row.next_attempt_at));
    }
    down.close();
    row = await store.db.selectFrom('email_outbox').selectAll().where('to_address', '=', 'q@example.fr').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });
});
