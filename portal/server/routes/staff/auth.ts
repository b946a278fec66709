import { Router } from '@koa/router';
import { loginStaff } from '../../../../shared/auth/login';
import { destroySession, findStaffSession } from '../../../../shared/auth/sessions';
import { loginSchema } from '../../../../shared/schemas/auth';
import { AppError } from '../../../../shared/errors';
import type { AppCustom, AppState } from '../../context';
import { clearSessionCookies, clientIp, requireStaff, setSessionCookies } from '../../middleware/session';
import { validate } from '../../validate';

export function staffAuthRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff' });

  router.post('/auth/login', async (ctx) => {
    const input = validate(loginSchema, ctx.state.body);
    const { db } = ctx.deps.store;
    const { session } = await loginStaff(db, ctx.deps.clock, {
      ...input,
      ip: clientIp(ctx),
      userAgent: ctx.get('user-agent') || null,
    });
    if (ctx.state.staff) await destroySession(db, ctx.state.staff.idHash);
    setSessionCookies(ctx, 'staff', session);
    const loaded = await findStaffSession(db, session.token, ctx.deps.clock.now());
    if (!loaded) throw new AppError('internal', 'Session introuvable après connexion.');
    ctx.body = { user: loaded.user, csrfToken: session.csrfToken };
  });

  router.post('/auth/logout', async (ctx) => {
    if (ctx.state.staff) await destroySession(ctx.deps.store.db, ctx.state.staff.idHash);
    clearSessionCookies(ctx, 'staff');
    ctx.status = 204;
  });

  router.get('/me', requireStaff(), (ctx) => {
    const staff = ctx.state.staff;
    if (!staff) throw new AppError('unauthenticated', 'Connectez-vous pour continuer.');
    ctx.body = { user: staff.user, csrfToken: staff.csrfToken };
  });

  return router;
}
