import { Router } from '@koa/router';
import { todayOf, type FamilyChange } from '../../../../shared/families/access';
import { addAuthorizedPerson, removeAuthorizedPerson, updateAuthorizedPerson } from '../../../../shared/families/authorizedPersons';
import { createChild, loadChild, saveMedical, updateChild } from '../../../../shared/families/children';
import { createFamilyAtDesk } from '../../../../shared/families/create';
import { loadFamilyFile } from '../../../../shared/families/file';
import { saveHousehold } from '../../../../shared/families/household';
import { activateMandate, createMandate, revokeMandate } from '../../../../shared/families/mandates';
import { staffMandateDto } from '../../../../shared/families/presenters';
import { removeConjoint, saveConjoint, saveResponsable } from '../../../../shared/families/profile';
import {
  authorizedPersonInputSchema,
  childInputSchema,
  deskFamilyInputSchema,
  guardianInputSchema,
  mandateInputSchema,
  medicalInputSchema,
  staffHouseholdInputSchema,
} from '../../../../shared/schemas/family';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { staffActor } from './actor';

type RouteContext = AppContext & { params: Record<string, string | undefined> };

const familyIdOf = (ctx: RouteContext): number => idParam(ctx.params.id);

/** The same services as the parents' routes, with a staff actor and the family taken from the URL. */
function change(ctx: RouteContext): FamilyChange {
  return { actor: staffActor(ctx), familyId: familyIdOf(ctx), now: ctx.deps.clock.now(), ip: clientIp(ctx) };
}

const today = (ctx: AppContext): string => todayOf(ctx.deps.clock.now());

const familyFile = (ctx: RouteContext, familyId = familyIdOf(ctx)) =>
  loadFamilyFile(ctx.deps.store.db, familyId, { forStaff: true, today: today(ctx) });

const child = (ctx: RouteContext, childId: number) => loadChild(ctx.deps.store.db, familyIdOf(ctx), childId);

/** Staff editing of family files and families created at the desk (issue 3). Admins and agents. */
export function staffFamilyRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/families' });
  router.use(requireStaff('admin', 'agent'));

  router.post('/', async (ctx) => {
    const input = validate(deskFamilyInputSchema(today(ctx)), ctx.state.body);
    const familyId = await createFamilyAtDesk(ctx.deps.store.db, staffActor(ctx), ctx.deps.clock.now(), input);
    ctx.status = 201;
    ctx.body = await familyFile(ctx, familyId);
  });

  // `/families/queue` and other words belong to the validation routes, mounted after these.
  router.get('/:id', async (ctx, next) => {
    if (!/^\d+$/.test(ctx.params.id ?? '')) return next();
    ctx.body = await familyFile(ctx);
  });

  router.put('/:id/profile', async (ctx) => {
    const input = validate(guardianInputSchema(today(ctx)), ctx.state.body);
    await saveResponsable(ctx.deps.store.db, change(ctx), input);
    ctx.body = await familyFile(ctx);
  });

  router.put('/:id/conjoint', async (ctx) => {
    const input = validate(guardianInputSchema(today(ctx)), ctx.state.body);
    await saveConjoint(ctx.deps.store.db, change(ctx), input);
    ctx.body = await familyFile(ctx);
  });

  router.delete('/:id/conjoint', async (ctx) => {
    await removeConjoint(ctx.deps.store.db, change(ctx));
    ctx.body = await familyFile(ctx);
  });

  router.put('/:id/household', async (ctx) => {
    const input = validate(staffHouseholdInputSchema, ctx.state.body);
    await saveHousehold(ctx.deps.store.db, change(ctx), input);
    ctx.body = await familyFile(ctx);
  });

  // Paper mandates handed in at the desk.
  router.post('/:id/mandates', async (ctx) => {
    const input = validate(mandateInputSchema(today(ctx)), ctx.state.body);
    const mandate = await createMandate(ctx.deps.store.db, change(ctx), input);
    ctx.status = 201;
    ctx.body = staffMandateDto(mandate);
  });

  router.post('/:id/mandates/:mandateId/activate', async (ctx) => {
    const mandate = await activateMandate(ctx.deps.store.db, change(ctx), idParam(ctx.params.mandateId));
    ctx.body = staffMandateDto(mandate);
  });

  router.delete('/:id/mandates/:mandateId', async (ctx) => {
    const mandate = await revokeMandate(ctx.deps.store.db, change(ctx), idParam(ctx.params.mandateId));
    ctx.body = staffMandateDto(mandate);
  });

  router.post('/:id/children', async (ctx) => {
    const input = validate(childInputSchema(today(ctx)), ctx.state.body);
    const childId = await createChild(ctx.deps.store.db, change(ctx), input);
    ctx.status = 201;
    ctx.body = await child(ctx, childId);
  });

  router.get('/:id/children/:childId', async (ctx) => {
    ctx.body = await child(ctx, idParam(ctx.params.childId));
  });

  router.put('/:id/children/:childId', async (ctx) => {
    const childId = idParam(ctx.params.childId);
    const input = validate(childInputSchema(today(ctx)), ctx.state.body);
    await updateChild(ctx.deps.store.db, change(ctx), childId, input);
    ctx.body = await child(ctx, childId);
  });

  router.put('/:id/children/:childId/medical', async (ctx) => {
    const childId = idParam(ctx.params.childId);
    const input = validate(medicalInputSchema, ctx.state.body);
    await saveMedical(ctx.deps.store.db, change(ctx), childId, input);
    ctx.body = await child(ctx, childId);
  });

  router.post('/:id/children/:childId/authorized-persons', async (ctx) => {
    const childId = idParam(ctx.params.childId);
    const input = validate(authorizedPersonInputSchema, ctx.state.body);
    await addAuthorizedPerson(ctx.deps.store.db, change(ctx), childId, input);
    ctx.status = 201;
    ctx.body = await child(ctx, childId);
  });

  router.put('/:id/children/:childId/authorized-persons/:personId', async (ctx) => {
    const childId = idParam(ctx.params.childId);
    const personId = idParam(ctx.params.personId);
    const input = validate(authorizedPersonInputSchema, ctx.state.body);
    await updateAuthorizedPerson(ctx.deps.store.db, change(ctx), childId, personId, input);
    ctx.body = await child(ctx, childId);
  });

  router.delete('/:id/children/:childId/authorized-persons/:personId', async (ctx) => {
    const childId = idParam(ctx.params.childId);
    await removeAuthorizedPerson(ctx.deps.store.db, change(ctx), childId, idParam(ctx.params.personId));
    ctx.body = await child(ctx, childId);
  });

  return router;
}
