import { PayfipClient } from '../payfip/client';
import type { Saisie } from '../payfip/protocol';
import { PAYFIP } from '../settings/definitions';
import { getSetting } from '../settings/settings';
import type { Db } from '../db/types';

/**
 * Where the demo server mounts its built-in simulator. The SOAP endpoint is server-to-server; the
 * payer's pages sit under /api/ so the portal's service worker never answers them from its cache.
 */
export const SIMULATOR_PATHS = {
  ws: '/payfip-simulateur/ws',
  page: '/api/payfip-simulateur/paiementws.web',
  choice: '/api/payfip-simulateur/choix',
} as const;

/** The simulator's numcli when the demo has none configured. */
export const DEMO_NUMCLI = '000000';

export interface PayfipSetup {
  client: PayfipClient;
  numcli: string;
  saisie: Saisie;
  simulated: boolean;
}

/**
 * The PayFiP to talk to, or null when online payment is not open: the built-in simulator on a demo
 * server (never elsewhere, so a production server can never be paid by a fake service), otherwise
 * the configured endpoint once a numcli is set.
 */
export async function payfipSetup(db: Db, env: { demo: boolean; publicUrl: string }): Promise<PayfipSetup | null> {
  const s = await getSetting(db, PAYFIP);
  if (s.simulator) {
    if (!env.demo) return null;
    const base = env.publicUrl.replace(/\/+$/, '');
    return {
      client: new PayfipClient({ wsUrl: base + SIMULATOR_PATHS.ws, paymentPageUrl: base + SIMULATOR_PATHS.page }),
      numcli: s.numcli || DEMO_NUMCLI,
      saisie: 'T',
      simulated: true,
    };
  }
  if (!/^\d{6}$/.test(s.numcli)) return null;
  return { client: new PayfipClient({ wsUrl: s.wsUrl, paymentPageUrl: s.paymentPageUrl }), numcli: s.numcli, saisie: s.saisie, simulated: false };
}
