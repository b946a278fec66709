import { defineConfig } from '@playwright/test';
import { LATER_BASE_PORT, LATER_NOW, PORTAL_PORT, PORTAL_URL } from './tests/browser/ports';

export default defineConfig({
  testDir: 'tests',
  testMatch: ['browser/**/*.spec.ts', 'electron/**/*.spec.ts'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  timeout: 30_000,
  use: {
    baseURL: PORTAL_URL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    launchOptions: {
      executablePath: process.env.MARELLE_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
  },
  webServer: [
    {
      command: 'node --import tsx tests/browser/server.ts',
      url: `http://127.0.0.1:${PORTAL_PORT}/healthz`,
      // The server reads MARELLE_TEST_PORT too (tests/browser/ports.ts).
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // The same demo with the clock in April 2027, for what needs a month to be over.
      command: 'node --import tsx tests/browser/server.ts',
      url: `http://127.0.0.1:${LATER_BASE_PORT}/healthz`,
      env: { MARELLE_TEST_PORT: String(LATER_BASE_PORT), MARELLE_TEST_NOW: LATER_NOW },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
