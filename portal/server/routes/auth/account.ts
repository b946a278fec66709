import { Router } from '@koa/router';
import type { RequestMeta } from '../../../../shared/accounts/common';
import { confirmEmailChange, requestEmailChange } from '../../../../shared/accounts/emailChange';
import { changePassword } from '../../../../shared/accounts/passwordChange';
import { requestPasswordReset, resetPassword } from '../../../../shared/accounts/passwordReset';
import { registerAccount, resendVerification, verifyEmail } from '../../../../shared/accounts/register';
import { destroySession } from '../../../../shared/auth/sessions';
import {
  changeEmailSchema,
  changePasswordSchema,
  emailOnlySchema,
  registerSchema,
  resetPasswordSchema,
  tokenSchema,
} from '../../../../shared/schemas/account';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clearSessionCookies, clientIp, requireParent, setSessionCookies } from '../../middleware/session';
import { validate } from '../../validate';
import { parentSession } from '../family/actor';

const meta = (ctx: AppContext): RequestMeta => ({
  now: ctx.deps.clock.now(),
  publicUrl: ctx.deps.config.publicUrl,
  ip: clientIp(ctx),
  userAgent: ctx.get('user-agent') || null,
});

/** Account e-mails and passwords: registration, e-mail confirmation, password reset and change (issue 3). */
export function accountRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();

  router.post('/api/auth/register', async (ctx) => {
    const input = validate(registerSchema, ctx.state.body);
    ctx.body = await registerAccount(ctx.deps.store.db, input, meta(ctx));
    ctx.status = 201;
    ctx.deps.notifyOutbox();
  });

  router.post('/api/auth/verify-email', async (ctx) => {
    const { token } = validate(tokenSchema, ctx.state.body);
    const result = await verifyEmail(ctx.deps.store.db, token, meta(ctx));
    // Whoever was logged in on this browser gives way to the account that just confirmed.
    if (ctx.state.parent) await destroySession(ctx.deps.store.db, ctx.state.parent.idHash);
    setSessionCookies(ctx, 'parent', result.session);
    ctx.body = { message: result.message };
  });

  router.post('/api/auth/resend-verification', async (ctx) => {
    const input = validate(emailOnlySchema, ctx.state.body);
    ctx.body = await resendVerification(ctx.deps.store.db, input, meta(ctx));
    ctx.status = 202;
    ctx.deps.notifyOutbox();
  });

  router.post('/api/auth/forgot-password', async (ctx) => {
    const input = validate(emailOnlySchema, ctx.state.body);
    ctx.body = await requestPasswordReset(ctx.deps.store.db, input, meta(ctx));
    ctx.status = 202;
    ctx.deps.notifyOutbox();
  });

  router.post('/api/auth/reset-password', async (ctx) => {
    const input = validate(resetPasswordSchema, ctx.state.body);
    const result = await resetPassword(ctx.deps.store.db, input, meta(ctx));
    // Every session of the account is gone; drop this browser's cookies too if they were one of them.
    if (ctx.state.parent?.accountId === result.accountId) clearSessionCookies(ctx, 'parent');
    ctx.body = { message: result.message };
    ctx.deps.notifyOutbox();
  });

  router.post('/api/auth/confirm-email-change', async (ctx) => {
    const { token } = validate(tokenSchema, ctx.state.body);
    ctx.body = await confirmEmailChange(ctx.deps.store.db, token, meta(ctx));
    ctx.deps.notifyOutbox();
  });

  router.put('/api/family/account/password', requireParent, async (ctx) => {
    const input = validate(changePasswordSchema, ctx.state.body);
    const session = parentSession(ctx);
    ctx.body = await changePassword(ctx.deps.store.db, { accountId: session.accountId, idHash: session.idHash }, input, meta(ctx));
    ctx.deps.notifyOutbox();
  });

  router.put('/api/family/account/email', requireParent, async (ctx) => {
    const input = validate(changeEmailSchema, ctx.state.body);
    const session = parentSession(ctx);
    ctx.body = await requestEmailChange(ctx.deps.store.db, { accountId: session.accountId, idHash: session.idHash }, input, meta(ctx));
    ctx.status = 202;
    ctx.deps.notifyOutbox();
  });

  return router;
}
