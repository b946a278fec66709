// One base port per test run (MARELLE_TEST_PORT, default 3100), so that several runs can share a
// machine: portal = base, back-office = base + 1, SMTP = base + 25, test mailbox = base + 26.
export const BASE_PORT = Number(process.env.MARELLE_TEST_PORT ?? '3100');
export const PORTAL_PORT = BASE_PORT;
export const BACKOFFICE_PORT = BASE_PORT + 1;
export const SMTP_PORT = BASE_PORT + 25;
export const MAILBOX_PORT = BASE_PORT + 26;
export const PORTAL_URL = `http://127.0.0.1:${PORTAL_PORT}`;
export const BACKOFFICE = `http://127.0.0.1:${BACKOFFICE_PORT}`;
export const MAILBOX_URL = `http://127.0.0.1:${MAILBOX_PORT}/messages`;

// A second server, on base + 50, runs the same demo with the clock in April 2027 (tests/browser/
// server.ts, MARELLE_TEST_NOW): what needs a month to be over, like invoicing March 2027.
export const LATER_BASE_PORT = BASE_PORT + 50;
export const LATER_NOW = '2027-04-06T09:00:00+02:00';
export const LATER_PORTAL_URL = `http://127.0.0.1:${LATER_BASE_PORT}`;
export const LATER_BACKOFFICE = `http://127.0.0.1:${LATER_BASE_PORT + 1}`;
export const LATER_MAILBOX_URL = `http://127.0.0.1:${LATER_BASE_PORT + 26}/messages`;
