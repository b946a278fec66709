import { Router } from '@koa/router';
import { z } from 'zod';
import { parisDateOf } from '../../../../shared/calendar/dates';
import { notFound } from '../../../../shared/errors';
import { tariffGridCopySchema, tariffGridCreateSchema, tariffGridInputSchema, tariffQuoteQuerySchema } from '../../../../shared/schemas/tariffs';
import { copyGrid, createGrid, deleteGrid, tariffGrid, tariffOverview, updateGrid, type GridChange } from '../../../../shared/tariffs/grids';
import { loadFamilyTariffProfile, quoteUnit } from '../../../../shared/tariffs/service';
import type { AppContext, AppCustom, AppState } from '../../context';
import { clientIp, requireStaff } from '../../middleware/session';
import { idParam, validate } from '../../validate';
import { staffActor } from './actor';

const noBody = z.strictObject({});

const today = (ctx: AppContext): string => parisDateOf(ctx.deps.clock.now().toISOString());

function change(ctx: AppContext): GridChange {
  const now = ctx.deps.clock.now();
  return { actor: staffActor(ctx), now, today: parisDateOf(now.toISOString()), ip: clientIp(ctx) };
}

/** Tariff grids, QF brackets and prices (issue 4). Admins write; admins and agents read. */
export function staffTariffRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/tariffs' });
  const read = requireStaff('admin', 'agent');
  const write = requireStaff('admin');

  router.get('/', read, async (ctx) => {
    ctx.body = await tariffOverview(ctx.deps.store.db, today(ctx));
  });

  router.get('/quote', read, async (ctx) => {
    const query = validate(tariffQuoteQuerySchema, ctx.query);
    const db = ctx.deps.store.db;
    const family = await loadFamilyTariffProfile(db, query.familyId);
    if (!family) throw notFound('Cette famille est introuvable.');
    const unit = await db.selectFrom('units').select('id').where('id', '=', query.unitId).where('service_id', '=', query.serviceId).executeTakeFirst();
    if (!unit) throw notFound('Cette prestation est introuvable pour ce service.');
    ctx.body = await quoteUnit(db, { serviceId: query.serviceId, unitId: query.unitId, date: query.date, family });
  });

  router.get('/grids/:id', read, async (ctx) => {
    ctx.body = await tariffGrid(ctx.deps.store.db, idParam(ctx.params.id), today(ctx));
  });

  router.post('/grids', write, async (ctx) => {
    const input = validate(tariffGridCreateSchema, ctx.state.body ?? {});
    const c = change(ctx);
    const id = await createGrid(ctx.deps.store.db, input, c);
    ctx.status = 201;
    ctx.body = await tariffGrid(ctx.deps.store.db, id, c.today);
  });

  router.put('/grids/:id', write, async (ctx) => {
    const gridId = idParam(ctx.params.id);
    const input = validate(tariffGridInputSchema, ctx.state.body ?? {});
    const c = change(ctx);
    await updateGrid(ctx.deps.store.db, gridId, input, c);
    ctx.body = await tariffGrid(ctx.deps.store.db, gridId, c.today);
  });

  router.delete('/grids/:id', write, async (ctx) => {
    const gridId = idParam(ctx.params.id);
    validate(noBody, ctx.state.body ?? {});
    await deleteGrid(ctx.deps.store.db, gridId, change(ctx));
    ctx.status = 204;
  });

  router.post('/grids/:id/copy', write, async (ctx) => {
    const gridId = idParam(ctx.params.id);
    const input = validate(tariffGridCopySchema, ctx.state.body ?? {});
    const c = change(ctx);
    const id = await copyGrid(ctx.deps.store.db, gridId, input, c);
    ctx.status = 201;
    ctx.body = await tariffGrid(ctx.deps.store.db, id, c.today);
  });

  return router;
}
