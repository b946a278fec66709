/**
 * Pieces of the back-office (renderer) Vite configuration shared by
 * `src-renderer/vite.config.ts` (plain `vite build`, served by the Koa server)
 * and the electron-vite configuration at the repository root.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import mantinePresetUntyped from 'postcss-preset-mantine';
import simpleVarsUntyped from 'postcss-simple-vars';
import type { AcceptedPlugin } from 'postcss';
import type { CSSOptions, PluginOption } from 'vite';

/** Absolute path of `src-renderer/` (the Vite root: holds `index.html`). */
export const rendererRoot: string = dirname(fileURLToPath(import.meta.url));

/** The HTML entry (electron-vite needs it explicitly as `build.rollupOptions.input`). */
export const rendererInput: string = resolve(rendererRoot, 'index.html');

/** Absolute path of the repository root. */
export const repoRoot: string = resolve(rendererRoot, '..');

/** Where the built back-office goes; the Koa server serves it on port 3001. */
export const rendererOutDir: string = resolve(repoRoot, 'out/renderer');

/** Relative asset URLs: the same build works from the server's root and inside Electron. */
export const rendererBase = './';

export function rendererPlugins(): PluginOption[] {
  return [react()];
}

// Both packages ship loose typings (`any`); pin them to what we use.
const mantinePreset = mantinePresetUntyped as () => AcceptedPlugin;
const simpleVars = simpleVarsUntyped as (options: { variables: Record<string, string> }) => AcceptedPlugin;

/**
 * PostCSS settings, inline so that Vite does not look for a config file elsewhere.
 * The app itself uses only Mantine components and style props; the preset is there
 * so that any future `.module.css` using Mantine mixins / `rem()` is compiled correctly.
 */
export const rendererCss: CSSOptions = {
  postcss: {
    plugins: [
      mantinePreset(),
      simpleVars({
        variables: {
          'mantine-breakpoint-xs': '36em',
          'mantine-breakpoint-sm': '48em',
          'mantine-breakpoint-md': '62em',
          'mantine-breakpoint-lg': '75em',
          'mantine-breakpoint-xl': '88em',
        },
      }),
    ],
  },
};
