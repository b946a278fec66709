import { Router } from '@koa/router';
import { z } from 'zod';
import { parisDateOf } from '../../../../shared/calendar/dates';
import { loadFamilyFile } from '../../../../shared/families/file';
import { familyAudit } from '../../../../shared/validation/audit';
import { linkChildToFamily } from '../../../../shared/validation/custody';
import { rejectFamily, validateFamily } from '../../../../shared/validation/decisions';
import { custodyLinkInputSchema, familySearchQuerySchema, reasonInputSchema } from '../../../../shared/validation/schemas';
import { searchFamilies, validationQueue } from '../../../../shared/validation/search';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { staffActor } from './actor';

const noBody = z.strictObject({});

const familyFile = (ctx: AppContext, familyId: number) =>
  loadFamilyFile(ctx.deps.store.db, familyId, { forStaff: true, today: parisDateOf(ctx.deps.clock.now().toISOString()) });

/** Validation queue, search, audit, shared custody (issue 3). Admins and agents. */
export function staffValidationRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff' });
  const staff = requireStaff('admin', 'agent');

  router.get('/families', staff, async (ctx) => {
    const query = validate(familySearchQuerySchema, ctx.query);
    ctx.body = { items: await searchFamilies(ctx.deps.store.db, query) };
  });

  router.get('/families/queue', staff, async (ctx) => {
    ctx.body = { items: await validationQueue(ctx.deps.store.db) };
  });

  router.post('/families/:id/validate', staff, async (ctx) => {
    const familyId = idParam(ctx.params.id);
    validate(noBody, ctx.state.body ?? {});
    const now = ctx.deps.clock.now();
    await validateFamily(ctx.deps.store.db, { familyId, actor: staffActor(ctx), now, publicUrl: ctx.deps.config.publicUrl, ip: clientIp(ctx) });
    ctx.deps.notifyOutbox();
    ctx.body = await familyFile(ctx, familyId);
  });

  router.post('/families/:id/reject', staff, async (ctx) => {
    const familyId = idParam(ctx.params.id);
    const { reason } = validate(reasonInputSchema, ctx.state.body ?? {});
    const now = ctx.deps.clock.now();
    await rejectFamily(ctx.deps.store.db, { familyId, reason, actor: staffActor(ctx), now, publicUrl: ctx.deps.config.publicUrl, ip: clientIp(ctx) });
    ctx.deps.notifyOutbox();
    ctx.body = await familyFile(ctx, familyId);
  });

  router.get('/families/:id/audit', staff, async (ctx) => {
    ctx.body = { items: await familyAudit(ctx.deps.store.db, idParam(ctx.params.id)) };
  });

  router.post('/children/:id/families', staff, async (ctx) => {
    const childId = idParam(ctx.params.id);
    const { familyId } = validate(custodyLinkInputSchema, ctx.state.body ?? {});
    const families = await linkChildToFamily(ctx.deps.store.db, { childId, familyId, actor: staffActor(ctx), now: ctx.deps.clock.now(), ip: clientIp(ctx) });
    ctx.body = { families };
  });

  return router;
}
