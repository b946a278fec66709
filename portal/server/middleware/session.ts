import { timingSafeEqual } from 'node:crypto';
import { findParentSession, findStaffSession, type NewSession } from '../../../shared/auth/sessions';
import type { StaffRole } from '../../../shared/db/tables/system.table';
import { AppError } from '../../../shared/errors';
import type { AppContext, AppMiddleware } from '../context';

/**
 * Parents and staff share a host (cookies ignore ports), so each side has its own cookie names
 * and its own session kind: a parent's cookie is never read as a staff session.
 */
export const COOKIES = {
  parent: { session: 'marelle_session', csrf: 'marelle_csrf' },
  staff: { session: 'marelle_staff_session', csrf: 'marelle_staff_csrf' },
} as const;

type Side = keyof typeof COOKIES;

export function setSessionCookies(ctx: AppContext, side: Side, session: NewSession): void {
  const base = { sameSite: 'lax' as const, secure: ctx.secure, path: '/', overwrite: true, expires: new Date(session.expiresAt) };
  ctx.cookies.set(COOKIES[side].session, session.token, { ...base, httpOnly: true });
  // Readable by the page's script, which echoes it in x-csrf-token (double submit bound to the session).
  ctx.cookies.set(COOKIES[side].csrf, session.csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(ctx: AppContext, side: Side): void {
  const base = { sameSite: 'lax' as const, secure: ctx.secure, path: '/', overwrite: true };
  ctx.cookies.set(COOKIES[side].session, null, { ...base, httpOnly: true });
  ctx.cookies.set(COOKIES[side].csrf, null, { ...base, httpOnly: false });
}

export const loadParentSession: AppMiddleware = async (ctx, next) => {
  const token = ctx.cookies.get(COOKIES.parent.session);
  if (token) {
    const session = await findParentSession(ctx.deps.store.db, token, ctx.deps.clock.now());
    if (session) ctx.state.parent = session;
  }
  return next();
};

export const loadStaffSession: AppMiddleware = async (ctx, next) => {
  const token = ctx.cookies.get(COOKIES.staff.session);
  if (token) {
    const session = await findStaffSession(ctx.deps.store.db, token, ctx.deps.clock.now());
    if (session) ctx.state.staff = session;
  }
  return next();
};

const UNAUTHENTICATED = 'Votre session a expiré ou vous n’êtes pas connecté. Connectez-vous pour continuer.';

export const requireParent: AppMiddleware = async (ctx, next) => {
  if (!ctx.state.parent) throw new AppError('unauthenticated', UNAUTHENTICATED);
  return next();
};

export function requireStaff(...roles: StaffRole[]): AppMiddleware {
  return async (ctx, next) => {
    const staff = ctx.state.staff;
    if (!staff) throw new AppError('unauthenticated', UNAUTHENTICATED);
    if (roles.length > 0 && !roles.includes(staff.user.role)) {
      throw new AppError('forbidden', "Votre rôle ne permet pas d'accéder à cette fonction.");
    }
    return next();
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CSRF: a write made with a session must echo the session's token in x-csrf-token; a write made
 * without one (login, registration) must come from this very origin when the browser says where
 * it comes from. SameSite=Lax cookies are the first wall, this is the second.
 */
export const csrfProtection: AppMiddleware = async (ctx, next) => {
  if (!UNSAFE.has(ctx.method) || !ctx.path.startsWith('/api/')) return next();
  const fetchSite = ctx.get('sec-fetch-site');
  if (fetchSite === 'cross-site') throw new AppError('csrf', 'Requête refusée : elle ne provient pas de Marelle.');
  const origin = ctx.get('origin');
  if (origin && origin !== 'null') {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== ctx.host) throw new AppError('csrf', 'Requête refusée : elle ne provient pas de Marelle.');
  }
  const session = ctx.state.parent ?? ctx.state.staff;
  if (session) {
    const sent = ctx.get('x-csrf-token');
    if (!sent || !sameToken(sent, session.csrfToken)) {
      throw new AppError('csrf', 'Votre session doit être rafraîchie : rechargez la page puis réessayez.');
    }
  }
  return next();
};

export const clientIp = (ctx: AppContext): string | null => ctx.ip || null;
