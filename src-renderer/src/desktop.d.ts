/** What the Electron preload exposes; absent in a plain browser. */
export interface MarelleDesktop {
  printCurrentPage(): Promise<void>;
  savePdf(suggestedName: string, data: Uint8Array): Promise<string | null>;
  appVersion(): Promise<string>;
}

declare global {
  interface Window {
    marelleDesktop?: MarelleDesktop;
  }
}
