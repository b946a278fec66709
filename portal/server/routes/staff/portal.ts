import { Router } from '@koa/router';
import { z } from 'zod';
import { writeAudit } from '../../../../shared/audit/audit';
import { MAINTENANCE, maintenanceSchema } from '../../../../shared/settings/definitions';
import { setSetting } from '../../../../shared/settings/settings';
import type { AppContext, AppCustom, AppState } from '../../context';
import { requireStaff } from '../../middleware/session';
import { staffActor } from './actor';
import { validate } from '../../validate';

const maintenanceInput = z.strictObject(maintenanceSchema.shape);

async function portalState(ctx: AppContext) {
  const maintenance = await ctx.deps.maintenance.get();
  return { published: !maintenance.enabled, url: ctx.deps.config.publicUrl, maintenance };
}

export function staffPortalRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/portal' });

  router.get('/', requireStaff(), async (ctx) => {
    ctx.body = await portalState(ctx);
  });

  router.put('/maintenance', requireStaff('admin'), async (ctx) => {
    const input = validate(maintenanceInput, ctx.state.body);
    const now = ctx.deps.clock.now();
    await ctx.deps.store.db.transaction().execute(async (trx) => {
      await setSetting(trx, MAINTENANCE, { enabled: input.enabled, message: input.message || null }, now);
      await writeAudit(
        trx,
        staffActor(ctx),
        { action: input.enabled ? 'portal.closed' : 'portal.opened', entityType: 'settings', changes: { maintenance: [null, input] }, ip: ctx.ip },
        now,
      );
    });
    ctx.deps.maintenance.invalidate();
    ctx.body = await portalState(ctx);
  });

  return router;
}
