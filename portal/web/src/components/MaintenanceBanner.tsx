import type { Maintenance } from '../types';

export const DEFAULT_MAINTENANCE_MESSAGE =
  'Le portail est en maintenance. Merci de revenir un peu plus tard.';

/** Shown on the public pages while the administrator has put the portal in maintenance. */
export function MaintenanceBanner({ maintenance }: { maintenance: Maintenance | undefined }) {
  if (!maintenance?.enabled) return null;
  return (
    <div role="status" className="banner banner--maintenance">
      <p>
        <strong>Portail en maintenance.</strong> {maintenance.message ?? DEFAULT_MAINTENANCE_MESSAGE}
      </p>
    </div>
  );
}
