import fs from 'node:fs';

// The server the browser tests run against: the real `serve` entry on a fresh demo store, with
// a fixed clock so that dates shown in the pages do not depend on the day CI runs.
const dataDir = '/tmp/marelle-browser-tests';
fs.rmSync(dataDir, { recursive: true, force: true });
Object.assign(process.env, {
  MARELLE_DATA_DIR: dataDir,
  MARELLE_DEMO: '1',
  MARELLE_PORTAL_PORT: '3100',
  MARELLE_BACKOFFICE_PORT: '3101',
  MARELLE_PORTAL_HOST: '127.0.0.1',
  MARELLE_NOW: '2026-11-26T09:00:00+01:00',
  MARELLE_LOG_LEVEL: 'warn',
});
await import('../../portal/server/cli');
