import path from 'node:path';
import { Router } from '@koa/router';
import { backupStore, listBackups } from '../../../../shared/db/backup';
import { writeAudit } from '../../../../shared/audit/audit';
import type { AppCustom, AppState, ServerDeps } from '../../context';
import { requireStaff } from '../../middleware/session';
import { staffActor } from './actor';

export const backupDir = (deps: ServerDeps): string => path.join(deps.config.dataDir, 'backups');

export function staffBackupRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/backups' });

  router.get('/', requireStaff('admin'), (ctx) => {
    ctx.body = { items: listBackups(backupDir(ctx.deps)) };
  });

  router.post('/', requireStaff('admin'), async (ctx) => {
    const now = ctx.deps.clock.now();
    const info = await backupStore(ctx.deps.store, backupDir(ctx.deps), now, ctx.deps.nativeBinding);
    await writeAudit(ctx.deps.store.db, staffActor(ctx), { action: 'backup.created', entityType: 'store', changes: { file: [null, info.file] } }, now);
    ctx.status = 201;
    ctx.body = info;
  });

  return router;
}
