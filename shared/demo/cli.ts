/**
 * `npm run demo -- [--families N] [--data-dir DIR] [--seed S]`: creates the demo commune in the
 * store of MARELLE_DATA_DIR (or DIR) if it is empty, then adds N generated families.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openStore } from '../db/store';
import { generateFamilies } from './generate';
import { seedDemo } from './seed';

const USAGE = `Usage : npm run demo -- [--families N] [--data-dir DOSSIER] [--seed GRAINE]

  --families N        nombre de familles supplémentaires à générer (0 par défaut)
  --data-dir DOSSIER  dossier des données (par défaut MARELLE_DATA_DIR, sinon « data »)
  --seed GRAINE       graine des familles générées (entier, 2026 par défaut)
  -h, --help          affiche cette aide`;

class UsageError extends Error {}

interface Args {
  families: number;
  dataDir: string | undefined;
  seed: number | undefined;
  help: boolean;
}

function nonNegativeInteger(value: string, name: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${name} attend un entier positif ou nul (reçu « ${value} »).`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} est trop grand (reçu « ${value} »).`);
  return n;
}

/** node:util parseArgs speaks English: the usual mistakes, in French. */
function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const token = /'([^']+)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Option inconnue : ${token}.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Argument inattendu : « ${token} » (les options s'écrivent --families N, --data-dir DOSSIER).`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `Valeur manquante ou invalide pour une option (${message}).`;
    default:
      return `Arguments invalides : ${message}`;
  }
}

function readArgs(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        families: { type: 'string' },
        'data-dir': { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error));
  }
  const { values } = parsed;
  const families = values.families === undefined ? 0 : nonNegativeInteger(values.families, 'families');
  if (families > 1_000_000) throw new UsageError('--families : 1 000 000 familles au plus.');
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') throw new UsageError('--data-dir ne peut pas être vide.');
  const seed = values.seed === undefined ? undefined : nonNegativeInteger(values.seed, 'seed');
  return { families, dataDir, seed, help: values.help === true };
}

const fmt = (n: number): string => new Intl.NumberFormat('fr-FR').format(n);
const seconds = (ms: number): string => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(ms / 1000)} s`;

async function main(): Promise<number> {
  let args: Args;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      console.error('');
      console.error(USAGE);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const config = loadConfig();
  const dataDir = args.dataDir !== undefined ? path.resolve(args.dataDir) : config.dataDir;
  const now = config.fixedNow ? new Date(config.fixedNow) : new Date();
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'marelle.sqlite');
  const store = openStore({ file });
  try {
    console.log(`Base de données : ${file}`);
    const family = await store.db.selectFrom('families').select('id').limit(1).executeTakeFirst();
    const staff = await store.db.selectFrom('staff_users').select('id').limit(1).executeTakeFirst();
    if (!family && !staff) {
      const started = performance.now();
      const summary = await seedDemo(store, now);
      console.log(
        `Commune de démonstration créée en ${seconds(performance.now() - started)} : ${fmt(summary.families)} familles, ` +
          `${fmt(summary.children)} enfants, ${fmt(summary.staff)} comptes du personnel.`,
      );
      console.log('Comptes de démonstration :');
      for (const login of summary.logins) console.log(`  ${login.email.padEnd(24)} ${login.label} — mot de passe ${login.password}`);
    } else {
      console.log('La base contient déjà des données : la commune de démonstration n’est pas recréée.');
    }
    if (args.families > 0) {
      const started = performance.now();
      const result = await generateFamilies(store, args.families, now, args.seed !== undefined ? { seed: args.seed } : {});
      console.log(
        `${fmt(result.families)} familles générées (${fmt(result.children)} enfants) en ${seconds(performance.now() - started)}.`,
      );
    }
    const total = await store.db.selectFrom('families').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(`Total : ${fmt(Number(total.n))} familles dans la base.`);
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Échec : ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
