/**
 * Preload of the back-office window (sandboxed: built as CommonJS, `out/preload/preload.cjs`).
 * Exposes three named functions as `window.marelleDesktop`; no raw ipcRenderer reaches the page.
 * The main process checks the calling frame's origin on every call.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from './channels';
import type { MarelleDesktop } from './desktopApi';

async function printCurrentPage(): Promise<void> {
  await ipcRenderer.invoke(CHANNELS.printCurrentPage);
}

async function savePdf(suggestedName: string, data: Uint8Array): Promise<string | null> {
  const result: unknown = await ipcRenderer.invoke(CHANNELS.savePdf, suggestedName, data);
  return typeof result === 'string' ? result : null;
}

async function appVersion(): Promise<string> {
  const result: unknown = await ipcRenderer.invoke(CHANNELS.appVersion);
  return typeof result === 'string' ? result : '';
}

const api: MarelleDesktop = { printCurrentPage, savePdf, appVersion };

contextBridge.exposeInMainWorld('marelleDesktop', api);
