import { Router } from '@koa/router';
import { listOutbox } from '../../../../shared/mail/outbox';
import { notFound } from '../../../../shared/errors';
import type { AppCustom, AppState } from '../../context';
import { requireStaff } from '../../middleware/session';
import { idParam } from '../../validate';

export function staffOutboxRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/outbox' });

  router.get('/', requireStaff('admin', 'agent'), async (ctx) => {
    ctx.body = { items: await listOutbox(ctx.deps.store.db) };
  });

  router.get('/:id', requireStaff('admin', 'agent'), async (ctx) => {
    const id = idParam(ctx.params.id);
    const row = await ctx.deps.store.db
      .selectFrom('email_outbox')
      .select(['id', 'to_address', 'subject', 'status', 'attempts', 'created_at', 'sent_at', 'last_error', 'text_body'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('Ce courriel est introuvable.');
    ctx.body = {
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      status: row.status,
      attempts: row.attempts,
      createdAt: row.created_at,
      sentAt: row.sent_at,
      lastError: row.last_error,
      textBody: row.text_body,
    };
  });

  return router;
}
