import { Router } from '@koa/router';
import { createFamilyAtDesk } from '../../../../shared/families/create';
import { activateMandate } from '../../../../shared/families/mandates';
import { staffMandateDto } from '../../../../shared/families/presenters';
import { deskFamilyInputSchema } from '../../../../shared/schemas/family';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { familyFileEndpoints, loadFileFor, todayFor, type FamilyFileScope } from '../familyFileEndpoints';
import { staffActor } from './actor';

const familyIdOf = (ctx: AppContext): number => idParam((ctx as AppContext & { params: Record<string, string | undefined> }).params.familyId);

/** The same services as the parents' routes, with a staff actor and the family taken from the URL. */
const staffScope: FamilyFileScope = {
  // Nested under the '/api/staff/families' router below.
  prefix: '/:familyId',
  guard: requireStaff('admin', 'agent'),
  forStaff: true,
  change: (ctx: AppContext) => ({ actor: staffActor(ctx), familyId: familyIdOf(ctx), now: ctx.deps.clock.now(), ip: clientIp(ctx) }),
};

/** Staff editing of family files and families created at the desk (issue 3). Admins and agents. */
export function staffFamilyRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/families' });
  router.use(requireStaff('admin', 'agent'));

  router.post('/', async (ctx) => {
    const input = validate(deskFamilyInputSchema(todayFor(ctx)), ctx.state.body);
    const familyId = await createFamilyAtDesk(ctx.deps.store.db, staffActor(ctx), ctx.deps.clock.now(), input);
    ctx.status = 201;
    ctx.body = await loadFileFor(ctx, staffScope, familyId);
  });

  // `/families/queue` and other words belong to the validation routes, mounted after these.
  router.get('/:familyId', async (ctx, next) => {
    if (!/^\d+$/.test(ctx.params.familyId ?? '')) return next();
    ctx.body = await loadFileFor(ctx, staffScope);
  });

  // Staff check a pending mandate against the signed paper or the uploaded document.
  router.post('/:familyId/mandates/:mandateId/activate', async (ctx) => {
    const mandate = await activateMandate(ctx.deps.store.db, staffScope.change(ctx), idParam(ctx.params.mandateId));
    ctx.body = staffMandateDto(mandate);
  });

  const shared = familyFileEndpoints(staffScope);
  router.use(shared.routes(), shared.allowedMethods());
  return router;
}
