import type { Router } from '@koa/router';
import { submitFamily } from '../../../../shared/families/submission';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireParent } from '../../middleware/session';
import { familyFileEndpoints, loadFileFor, type FamilyFileScope } from '../familyFileEndpoints';
import { parentActor, parentSession } from './actor';

/** Every change is made on the session's family: ids in the URL only pick inside it. */
const parentScope: FamilyFileScope = {
  prefix: '/api/family',
  guard: requireParent,
  forStaff: false,
  change: (ctx: AppContext) => ({ actor: parentActor(ctx), familyId: parentSession(ctx).familyId, now: ctx.deps.clock.now(), ip: clientIp(ctx) }),
};

/** The parent's family file: profile, household, mandates, children, submission (issue 3). */
export function familyFileRoutes(): Router<AppState, AppCustom> {
  const router = familyFileEndpoints(parentScope);

  router.get('/', async (ctx) => {
    ctx.body = await loadFileFor(ctx, parentScope);
  });

  router.post('/submit', async (ctx) => {
    await submitFamily(ctx.deps.store.db, parentScope.change(ctx));
    ctx.body = await loadFileFor(ctx, parentScope);
  });

  return router;
}
