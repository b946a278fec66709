import { Router } from '@koa/router';
import { todayOf, type FamilyChange } from '../../../../shared/families/access';
import { addAuthorizedPerson, removeAuthorizedPerson, updateAuthorizedPerson } from '../../../../shared/families/authorizedPersons';
import { createChild, loadChild, saveMedical, updateChild } from '../../../../shared/families/children';
import { loadFamilyFile } from '../../../../shared/families/file';
import { saveHousehold } from '../../../../shared/families/household';
import { createMandate, revokeMandate } from '../../../../shared/families/mandates';
import { mandateDto } from '../../../../shared/families/presenters';
import { removeConjoint, saveConjoint, saveResponsable } from '../../../../shared/families/profile';
import { submitFamily } from '../../../../shared/families/submission';
import {
  authorizedPersonInputSchema,
  childInputSchema,
  guardianInputSchema,
  householdInputSchema,
  mandateInputSchema,
  medicalInputSchema,
} from '../../../../shared/schemas/family';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireParent } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { parentActor, parentSession } from './actor';

/** Every change is made on the session's family: ids in the URL only pick inside it. */
function change(ctx: AppContext): FamilyChange {
  return { actor: parentActor(ctx), familyId: parentSession(ctx).familyId, now: ctx.deps.clock.now(), ip: clientIp(ctx) };
}

const today = (ctx: AppContext): string => todayOf(ctx.deps.clock.now());

const familyFile = (ctx: AppContext) =>
  loadFamilyFile(ctx.deps.store.db, parentSession(ctx).familyId, { forStaff: false, today: today(ctx) });

const child = (ctx: AppContext, childId: number) => loadChild(ctx.deps.store.db, parentSession(ctx).familyId, childId);

/** The parent's family file: profile, household, mandates, children, submission (issue 3). */
export function familyFileRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/family' });
  router.use(requireParent);

  router.get('/', async (ctx) => {
    ctx.body = await familyFile(ctx);
  });

  router.put('/profile', async (ctx) => {
    const input = validate(guardianInputSchema(today(ctx)), ctx.state.body);
    await saveResponsable(ctx.deps.store.db, change(ctx), input);
    ctx.body = await familyFile(ctx);
  });

  router.put('/conjoint', async (ctx) => {
    const input = validate(guardianInputSchema(today(ctx)), ctx.state.body);
    await saveConjoint(ctx.deps.store.db, change(ctx), input);
    ctx.body = await familyFile(ctx);
  });

  router.delete('/conjoint', async (ctx) => {
    await removeConjoint(ctx.deps.store.db, change(ctx));
    ctx.body = await familyFile(ctx);
  });

  router.put('/household', async (ctx) => {
    const input = validate(householdInputSchema, ctx.state.body);
    await saveHousehold(ctx.deps.store.db, change(ctx), input);
    ctx.body = await familyFile(ctx);
  });

  router.post('/mandates', async (ctx) => {
    const input = validate(mandateInputSchema(today(ctx)), ctx.state.body);
    const mandate = await createMandate(ctx.deps.store.db, change(ctx), input);
    ctx.status = 201;
    ctx.body = mandateDto(mandate);
  });

  router.delete('/mandates/:id', async (ctx) => {
    const mandate = await revokeMandate(ctx.deps.store.db, change(ctx), idParam(ctx.params.id));
    ctx.body = mandateDto(mandate);
  });

  router.post('/children', async (ctx) => {
    const input = validate(childInputSchema(today(ctx)), ctx.state.body);
    const childId = await createChild(ctx.deps.store.db, change(ctx), input);
    ctx.status = 201;
    ctx.body = await child(ctx, childId);
  });

  router.get('/children/:id', async (ctx) => {
    ctx.body = await child(ctx, idParam(ctx.params.id));
  });

  router.put('/children/:id', async (ctx) => {
    const childId = idParam(ctx.params.id);
    const input = validate(childInputSchema(today(ctx)), ctx.state.body);
    await updateChild(ctx.deps.store.db, change(ctx), childId, input);
    ctx.body = await child(ctx, childId);
  });

  router.put('/children/:id/medical', async (ctx) => {
    const childId = idParam(ctx.params.id);
    const input = validate(medicalInputSchema, ctx.state.body);
    await saveMedical(ctx.deps.store.db, change(ctx), childId, input);
    ctx.body = await child(ctx, childId);
  });

  router.post('/children/:id/authorized-persons', async (ctx) => {
    const childId = idParam(ctx.params.id);
    const input = validate(authorizedPersonInputSchema, ctx.state.body);
    await addAuthorizedPerson(ctx.deps.store.db, change(ctx), childId, input);
    ctx.status = 201;
    ctx.body = await child(ctx, childId);
  });

  router.put('/children/:id/authorized-persons/:personId', async (ctx) => {
    const childId = idParam(ctx.params.id);
    const personId = idParam(ctx.params.personId);
    const input = validate(authorizedPersonInputSchema, ctx.state.body);
    await updateAuthorizedPerson(ctx.deps.store.db, change(ctx), childId, personId, input);
    ctx.body = await child(ctx, childId);
  });

  router.delete('/children/:id/authorized-persons/:personId', async (ctx) => {
    const childId = idParam(ctx.params.id);
    await removeAuthorizedPerson(ctx.deps.store.db, change(ctx), childId, idParam(ctx.params.personId));
    ctx.body = await child(ctx, childId);
  });

  router.post('/submit', async (ctx) => {
    await submitFamily(ctx.deps.store.db, change(ctx));
    ctx.body = await familyFile(ctx);
  });

  return router;
}
