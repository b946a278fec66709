import { Router } from '@koa/router';
import type { z } from 'zod';
import { todayOf, type FamilyChange } from '../../../shared/families/access';
import { addAuthorizedPerson, removeAuthorizedPerson, updateAuthorizedPerson } from '../../../shared/families/authorizedPersons';
import { createChild, loadChild, saveMedical, updateChild } from '../../../shared/families/children';
import { loadFamilyFile } from '../../../shared/families/file';
import { saveHousehold } from '../../../shared/families/household';
import { createMandate, revokeMandate } from '../../../shared/families/mandates';
import { mandateDto, staffMandateDto } from '../../../shared/families/presenters';
import { removeConjoint, saveConjoint, saveResponsable } from '../../../shared/families/profile';
import {
  authorizedPersonInputSchema,
  childInputSchema,
  guardianInputSchema,
  householdInputSchema,
  mandateInputSchema,
  medicalInputSchema,
  staffHouseholdInputSchema,
} from '../../../shared/schemas/family';
import type { AppContext, AppCustom, AppMiddleware, AppState } from '../context';
import { idParam, validate } from '../validate';

/**
 * Who edits a family file: the parent (their session's family) or staff (the family in the URL).
 * Both go through the very same endpoints and services; only the scope differs.
 */
export interface FamilyFileScope {
  prefix: string;
  guard: AppMiddleware;
  forStaff: boolean;
  change(ctx: AppContext): FamilyChange;
}

export const todayFor = (ctx: AppContext): string => todayOf(ctx.deps.clock.now());

export const loadFileFor = (ctx: AppContext, scope: FamilyFileScope, familyId = scope.change(ctx).familyId) =>
  loadFamilyFile(ctx.deps.store.db, familyId, { forStaff: scope.forStaff, today: todayFor(ctx) });

/** The family-file endpoints shared by parents (`/api/family`) and staff (`/api/staff/families/:familyId`). */
export function familyFileEndpoints(scope: FamilyFileScope): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: scope.prefix });
  router.use(scope.guard);
  const db = (ctx: AppContext) => ctx.deps.store.db;
  const file = (ctx: AppContext) => loadFileFor(ctx, scope);
  const child = (ctx: AppContext, childId: number) => loadChild(db(ctx), scope.change(ctx).familyId, childId);
  const householdSchema: z.ZodType<z.output<typeof householdInputSchema>> = scope.forStaff ? staffHouseholdInputSchema : householdInputSchema;
  const presentMandate = scope.forStaff ? staffMandateDto : mandateDto;

  router.put('/profile', async (ctx) => {
    const input = validate(guardianInputSchema(todayFor(ctx)), ctx.state.body);
    await saveResponsable(db(ctx), scope.change(ctx), input);
    ctx.body = await file(ctx);
  });

  router.put('/conjoint', async (ctx) => {
    const input = validate(guardianInputSchema(todayFor(ctx)), ctx.state.body);
    await saveConjoint(db(ctx), scope.change(ctx), input);
    ctx.body = await file(ctx);
  });

  router.delete('/conjoint', async (ctx) => {
    await removeConjoint(db(ctx), scope.change(ctx));
    ctx.body = await file(ctx);
  });

  router.put('/household', async (ctx) => {
    const input = validate(householdSchema, ctx.state.body);
    await saveHousehold(db(ctx), scope.change(ctx), input);
    ctx.body = await file(ctx);
  });

  router.post('/mandates', async (ctx) => {
    const input = validate(mandateInputSchema(todayFor(ctx)), ctx.state.body);
    const mandate = await createMandate(db(ctx), scope.change(ctx), input);
    ctx.status = 201;
    ctx.body = presentMandate(mandate);
  });

  router.delete('/mandates/:mandateId', async (ctx) => {
    const mandate = await revokeMandate(db(ctx), scope.change(ctx), idParam(ctx.params.mandateId));
    ctx.body = presentMandate(mandate);
  });

  router.post('/children', async (ctx) => {
    const input = validate(childInputSchema(todayFor(ctx)), ctx.state.body);
    const childId = await createChild(db(ctx), scope.change(ctx), input);
    ctx.status = 201;
    ctx.body = await child(ctx, childId);
  });

  router.get('/children/:childId', async (ctx) => {
    ctx.body = await child(ctx, idParam(ctx.params.childId));
  });

  router.put('/children/:childId', async (ctx) => {
    const childId = idParam(ctx.params.childId);
    const input = validate(childInputSchema(todayFor(ctx)), ctx.state.body);
    await updateChild(db(ctx), scope.change(ctx), childId, input);
    ctx.body = await child(ctx, childId);
  });

  router.put('/children/:childId/medical', async (ctx) => {
    const childId = idParam(ctx.params.childId);
    const input = validate(medicalInputSchema, ctx.state.body);
    await saveMedical(db(ctx), scope.change(ctx), childId, input);
    ctx.body = await child(ctx, childId);
  });

  router.post('/children/:childId/authorized-persons', async (ctx) => {
    const childId = idParam(ctx.params.childId);
    const input = validate(authorizedPersonInputSchema, ctx.state.body);
    await addAuthorizedPerson(db(ctx), scope.change(ctx), childId, input);
    ctx.status = 201;
    ctx.body = await child(ctx, childId);
  });

  router.put('/children/:childId/authorized-persons/:personId', async (ctx) => {
    const childId = idParam(ctx.params.childId);
    const input = validate(authorizedPersonInputSchema, ctx.state.body);
    await updateAuthorizedPerson(db(ctx), scope.change(ctx), childId, idParam(ctx.params.personId), input);
    ctx.body = await child(ctx, childId);
  });

  router.delete('/children/:childId/authorized-persons/:personId', async (ctx) => {
    const childId = idParam(ctx.params.childId);
    await removeAuthorizedPerson(db(ctx), scope.change(ctx), childId, idParam(ctx.params.personId));
    ctx.body = await child(ctx, childId);
  });

  return router;
}
