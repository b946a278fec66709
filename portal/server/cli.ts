import fs from 'node:fs';
import path from 'node:path';
import { FixedClock, systemClock } from '../../shared/clock';
import { loadConfig } from '../../shared/config';
import { openStore } from '../../shared/db/store';
import { seedDemo } from '../../shared/demo/seed';
import { createLogger } from '../../shared/logger';
import { startServer } from './app';
import { sourceBookingWorkerEntry } from './bookingWorker';

// `npm run serve`: the server without a window (municipal server, tests, machines without Electron).
const root = path.resolve(import.meta.dirname, '..', '..');

async function main(): Promise<void> {
  // `serve` fills an empty store with the demo commune unless MARELLE_DEMO=0.
  const config = loadConfig({ MARELLE_DEMO: '1', ...process.env });
  const logger = createLogger(config.logLevel);
  const clock = config.fixedNow ? new FixedClock(config.fixedNow) : systemClock;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const store = openStore({ file: path.join(config.dataDir, 'marelle.sqlite') });

  if (config.demo) {
    const empty =
      !(await store.db.selectFrom('staff_users').select('id').limit(1).executeTakeFirst()) &&
      !(await store.db.selectFrom('families').select('id').limit(1).executeTakeFirst());
    if (empty) {
      const summary = await seedDemo(store, clock.now());
      console.log(`Commune de démonstration créée : ${summary.families} familles, ${summary.children} enfants.`);
    }
  }

  const bookingWorkerEntry = config.bookingWorker ? sourceBookingWorkerEntry() : null;
  const server = await startServer({
    store,
    clock,
    config,
    logger,
    staticDirs: { portal: path.join(root, 'out', 'portal'), backoffice: path.join(root, 'out', 'renderer') },
    // The parents' requests validated on a worker thread (decision 0017).
    bookingWorker: bookingWorkerEntry ? { entry: bookingWorkerEntry } : false,
  });

  console.log(`Portail famille : ${server.portalUrl}`);
  console.log(`Back-office     : ${server.backofficeUrl}`);
  if (config.fixedNow) console.log(`Horloge fixée au ${config.fixedNow}`);
  if (config.demo) {
    console.log('Comptes de démonstration (mot de passe Marelle-Demo-2026) :');
    console.log('  admin@mairie.demo (administrateur), agent@mairie.demo (agent), animateur@mairie.demo (animateur),\n  famille@demo.fr et moreau@demo.fr (familles validées, un enfant en garde alternée)');
  }
  if (!config.smtpUrl) console.log('MARELLE_SMTP_URL non défini : les courriels restent dans la boîte d’envoi du back-office.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
