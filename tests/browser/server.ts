import fs from 'node:fs';
import http from 'node:http';
import { startSmtpReceiver } from '../support/smtp';
import { BACKOFFICE_PORT, BASE_PORT, MAILBOX_PORT, PORTAL_PORT, PORTAL_URL, SMTP_PORT } from './ports';

// The server the browser tests run against: the real `serve` entry on a fresh demo store, with
// a fixed clock so that dates shown in the pages do not depend on the day CI runs, and a real
// SMTP receiver whose messages the tests read at MAILBOX_URL (tests/browser/ports.ts).
const dataDir = `/tmp/marelle-browser-tests-${BASE_PORT}`;
fs.rmSync(dataDir, { recursive: true, force: true });

const smtp = await startSmtpReceiver(SMTP_PORT);
http
  .createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(smtp.messages.map(({ from, to, subject, text }) => ({ from, to, subject, text }))));
  })
  .listen(MAILBOX_PORT, '127.0.0.1');

Object.assign(process.env, {
  MARELLE_DATA_DIR: dataDir,
  MARELLE_DEMO: '1',
  MARELLE_PORTAL_PORT: String(PORTAL_PORT),
  MARELLE_BACKOFFICE_PORT: String(BACKOFFICE_PORT),
  MARELLE_PORTAL_HOST: '127.0.0.1',
  MARELLE_PUBLIC_URL: PORTAL_URL,
  MARELLE_SMTP_URL: smtp.url,
  MARELLE_NOW: process.env.MARELLE_TEST_NOW ?? '2026-11-26T09:00:00+01:00',
  MARELLE_LOG_LEVEL: 'warn',
});
await import('../../portal/server/cli');
