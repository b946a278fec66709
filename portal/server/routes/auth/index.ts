import { Router } from '@koa/router';
import { loginParent } from '../../../../shared/auth/login';
import { destroySession } from '../../../../shared/auth/sessions';
import { loginSchema } from '../../../../shared/schemas/auth';
import type { AppCustom, AppState } from '../../context';
import { clearSessionCookies, clientIp, setSessionCookies } from '../../middleware/session';
import { validate } from '../../validate';

export function parentAuthRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/auth' });

  router.post('/login', async (ctx) => {
    const input = validate(loginSchema, ctx.state.body);
    const { session, id } = await loginParent(ctx.deps.store.db, ctx.deps.clock, {
      ...input,
      ip: clientIp(ctx),
      userAgent: ctx.get('user-agent') || null,
    });
    if (ctx.state.parent) await destroySession(ctx.deps.store.db, ctx.state.parent.idHash);
    setSessionCookies(ctx, 'parent', session);
    ctx.body = { account: { id, email: input.email.toLowerCase() }, csrfToken: session.csrfToken };
  });

  router.post('/logout', async (ctx) => {
    if (ctx.state.parent) await destroySession(ctx.deps.store.db, ctx.state.parent.idHash);
    clearSessionCookies(ctx, 'parent');
    ctx.status = 204;
  });

  return router;
}
