/** Alias used by `npm run build:web` (package.json): same configuration as `vite.config.ts`. */
export { default } from './vite.config';
