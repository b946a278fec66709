import { expect } from '@playwright/test';
import { MAILBOX_URL } from './ports';

export interface Mail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

/** Waits for an e-mail delivered over SMTP to the test receiver (see tests/browser/server.ts). */
export async function waitForMail(predicate: (m: Mail) => boolean, timeoutMs = 20_000, mailbox = MAILBOX_URL): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(mailbox);
        const mails = (await res.json()) as Mail[];
        found = mails.find(predicate);
        return Boolean(found);
      },
      { timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  if (!found) throw new Error('unreachable');
  return found;
}

export const linkIn = (text: string, path: string): string => {
  const match = new RegExp(`https?://[^\\s]*${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s]*`).exec(text);
  if (!match) throw new Error(`No link to ${path} in:\n${text}`);
  return match[0];
};
