/**
 * The API the Electron preload exposes to the back-office as `window.marelleDesktop`.
 * Type-only: shared by `src-main/preload.ts` and the renderer's declaration
 * (`src-renderer/src/desktop.d.ts`); it is absent in a plain browser.
 */
export interface MarelleDesktop {
  /** Opens the system print dialog for the page currently shown. */
  printCurrentPage(): Promise<void>;
  /** Asks where to save a PDF (native dialog) and writes it; the chosen path, or null if cancelled. */
  savePdf(suggestedName: string, data: Uint8Array): Promise<string | null>;
  /** The desktop application's version (package.json `version`). */
  appVersion(): Promise<string>;
}

/** The only IPC channels the main process answers. */
export type DesktopChannel = 'marelle:print-current-page' | 'marelle:save-pdf' | 'marelle:app-version';
