import type { DesktopChannel } from './desktopApi';

/** IPC channel names, shared by the preload and the main process (no Electron import here). */
export const CHANNELS = {
  printCurrentPage: 'marelle:print-current-page',
  savePdf: 'marelle:save-pdf',
  appVersion: 'marelle:app-version',
} as const satisfies Record<string, DesktopChannel>;
