import { Router } from '@koa/router';
import { reservationsOpen, statusMessage } from '../../../../shared/families/status';
import { AppError } from '../../../../shared/errors';
import type { AppCustom, AppState } from '../../context';
import { requireParent } from '../../middleware/session';
import { RESPONSABLE } from '../../../../shared/db/literals';

export function familyMeRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>();

  router.get('/api/me', requireParent, async (ctx) => {
    const session = ctx.state.parent;
    if (!session) throw new AppError('unauthenticated', 'Connectez-vous pour continuer.');
    const { db } = ctx.deps.store;
    const family = await db
      .selectFrom('families as f')
      .leftJoin('guardians as g', (j) => j.onRef('g.family_id', '=', 'f.id').on('g.role', '=', RESPONSABLE))
      .select(['f.id', 'f.status', 'f.status_reason', 'g.last_name', 'g.first_name'])
      .where('f.id', '=', session.familyId)
      .executeTakeFirstOrThrow();
    ctx.body = {
      account: { id: session.accountId, email: session.email },
      family: {
        id: family.id,
        status: family.status,
        displayName: family.last_name ? `Famille ${family.last_name}` : session.email,
        reservationsOpen: reservationsOpen(family.status),
        statusMessage: statusMessage(family.status, family.status_reason),
      },
      csrfToken: session.csrfToken,
    };
  });

  return router;
}
