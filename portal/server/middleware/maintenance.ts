import { MAINTENANCE } from '../../../shared/settings/definitions';
import { getSetting } from '../../../shared/settings/settings';
import type { Store } from '../../../shared/db/store';
import { AppError } from '../../../shared/errors';
import type { AppMiddleware, MaintenanceCache } from '../context';

export function maintenanceCache(store: Store, ttlMs = 2000, now: () => number = Date.now): MaintenanceCache {
  let cached: { value: { enabled: boolean; message: string | null }; at: number } | null = null;
  return {
    async get() {
      if (cached && now() - cached.at < ttlMs) return cached.value;
      const value = await getSetting(store.db, MAINTENANCE);
      cached = { value, at: now() };
      return value;
    },
    invalidate() {
      cached = null;
    },
  };
}

export const DEFAULT_MAINTENANCE_MESSAGE = 'Le portail famille est momentanément fermé pour maintenance. Merci de revenir plus tard.';

/** While an admin has closed the portal, parents' logins and family routes answer 503 with the admin's message. */
export const portalMaintenance: AppMiddleware = async (ctx, next) => {
  if (ctx.path.startsWith('/api/auth/') || ctx.path.startsWith('/api/family/') || ctx.path === '/api/me') {
    const state = await ctx.deps.maintenance.get();
    if (state.enabled) throw new AppError('maintenance', state.message || DEFAULT_MAINTENANCE_MESSAGE);
  }
  return next();
};
