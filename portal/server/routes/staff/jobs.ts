import { Router } from '@koa/router';
import type { AppCustom, AppState } from '../../context';
import { requireStaff } from '../../middleware/session';

/** The French names of the server's scheduled jobs (portal/server/jobs.ts); others show their code. */
export const JOB_LABELS: Readonly<Record<string, string>> = {
  'daily-backup': 'Sauvegarde quotidienne',
  'expire-documents': 'Expiration des pièces justificatives',
  'purge-sessions': 'Purge des sessions expirées',
  'refuse-expired-requests': 'Refus automatique des demandes sans place',
};

/** Scheduled jobs and their last run (issue 6). */
export function staffJobRoutes(): Router<AppState, AppCustom> {
  const router = new Router<AppState, AppCustom>({ prefix: '/api/staff/jobs' });

  router.get('/', requireStaff('admin', 'agent'), async (ctx) => {
    const rows = await ctx.deps.store.db
      .selectFrom('scheduled_jobs')
      .select(['name', 'last_run_at', 'last_status', 'last_result'])
      .orderBy('name')
      .execute();
    ctx.body = {
      jobs: rows.map((r) => ({
        name: r.name,
        label: JOB_LABELS[r.name] ?? r.name,
        lastRunAt: r.last_run_at,
        status: r.last_status,
        result: r.last_result,
      })),
    };
  });

  return router;
}
