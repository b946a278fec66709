import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { RouteMatchCallbackOptions } from 'workbox-core/types';
import { generateSW } from 'workbox-build';
import { afterAll, describe, expect, it } from 'vitest';
import { PORTAL_THEME_COLOR, pwaOptions } from '../../portal/web/pwa';

// The portal's PWA (issue 4, item 8): an installable manifest with real icons, and a service
// worker that keeps the app shell only — never an /api/ answer (families' data, attachments).

const webDir = path.resolve(import.meta.dirname, '../../portal/web');
const manifest = pwaOptions.manifest || null;
const workbox = pwaOptions.workbox ?? {};

/** Width and height of a PNG, after checking its signature, chunks' CRCs and pixel data. */
function readPng(file: string): { width: number; height: number; colourType: number } {
  const png = fs.readFileSync(file);
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  let offset = 8;
  let header: Buffer | null = null;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    expect(crc).toBe(zlib.crc32(png.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  expect(ended).toBe(true);
  if (!header) throw new Error(`${file}: no IHDR`);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const colourType = header[9] ?? -1;
  const channels = colourType === 6 ? 4 : 3;
  expect(zlib.inflateSync(Buffer.concat(idat)).length).toBe((width * channels + 1) * height);
  return { width, height, colourType };
}

describe('web app manifest', () => {
  it('names the portal in French, opens standalone at /, in the header’s colour', () => {
    expect(manifest).toMatchObject({
      name: 'Portail famille',
      short_name: 'Portail famille',
      lang: 'fr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: PORTAL_THEME_COLOR,
    });
    // The same blue as the portal header and the page's theme-color.
    const css = fs.readFileSync(path.join(webDir, 'src/styles.css'), 'utf8');
    expect(css).toMatch(new RegExp(`--c-primary-dark:\\s*${PORTAL_THEME_COLOR}`, 'i'));
    expect(css).toMatch(/\.site-header\s*{\s*background:\s*var\(--c-primary-dark\)/);
    expect(fs.readFileSync(path.join(webDir, 'index.html'), 'utf8')).toContain(`<meta name="theme-color" content="${PORTAL_THEME_COLOR}" />`);
  });

  it('has valid PNG icons of 192 and 512 px, and a maskable one, committed under public/', () => {
    const icons = manifest ? (manifest.icons ?? []) : [];
    for (const icon of icons) {
      const { width, height, colourType } = readPng(path.join(webDir, 'public', icon.src));
      expect(`${width}x${height}`).toBe(icon.sizes);
      expect(icon.type).toBe('image/png');
      expect(colourType).toBe(6);
    }
    const sizes = icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    expect(readPng(path.join(webDir, 'public/icons/apple-touch-icon.png'))).toMatchObject({ width: 180, height: 180 });
  });
});

describe('service worker', () => {
  const apiUrls = [
    '/api/public/portal',
    '/api/public/info-pages/menus-de-decembre',
    '/api/public/attachments/12/Menu%20de%20d%C3%A9cembre.pdf',
    '/api/me',
    '/api/family',
    '/api/family/documents/3/file',
  ];

  it('sends every /api/ request to the network only, attachments included', () => {
    const routes = workbox.runtimeCaching ?? [];
    const matches = (pattern: unknown, href: string): boolean => {
      const url = new URL(href, 'https://portail.example.fr');
      if (pattern instanceof RegExp) return pattern.test(url.href);
      if (typeof pattern === 'string') return url.href === new URL(pattern, url).href;
      if (typeof pattern === 'function') {
        const options = { url, sameOrigin: true, request: new Request(url), event: new Event('fetch') };
        return Boolean((pattern as (o: RouteMatchCallbackOptions) => unknown)(options as unknown as RouteMatchCallbackOptions));
      }
      return false;
    };
    for (const href of apiUrls) {
      const matching = routes.filter((route) => matches(route.urlPattern, href));
      expect(matching.length, href).toBeGreaterThan(0);
      // Workbox uses the first route that matches: it, and any other, is NetworkOnly.
      expect(matching.map((route) => route.handler)).toEqual(matching.map(() => 'NetworkOnly'));
    }
    // Nothing outside the API gets a runtime cache either: the shell is precached at install.
    expect(routes.every((route) => route.handler === 'NetworkOnly')).toBe(true);
  });

  it('precaches built files only, and never answers an /api/ navigation with the app', () => {
    expect(workbox.globPatterns).toEqual(['**/*.{js,css,html}']);
    expect(workbox.navigateFallback).toBe('/index.html');
    const denied = (p: string) => (workbox.navigateFallbackDenylist ?? []).some((re) => re.test(p));
    for (const href of apiUrls) expect(denied(href), href).toBe(true);
    for (const page of ['/', '/infos/menus-de-decembre', '/espace/enfants', '/creer-mon-compte']) expect(denied(page), page).toBe(false);
  });

  let dir: string | null = null;
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates a sw.js (Workbox, as vite-plugin-pwa does) with no cache for /api/', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-sw-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Portail famille</title>');
    fs.writeFileSync(path.join(dir, 'assets/index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'assets/index-abc123.css'), 'body{}');
    // A file that looks like API data must not be picked up even if one ended up in the folder.
    fs.mkdirSync(path.join(dir, 'api'));
    fs.writeFileSync(path.join(dir, 'api/family.json'), '{}');

    const swDest = path.join(dir, 'sw.js');
    await generateSW({ ...workbox, globDirectory: dir, swDest, mode: 'production', sourcemap: false });
    const sw = fs.readFileSync(swDest, 'utf8');

    const precache = /precacheAndRoute\((\[.*?\])/.exec(sw)?.[1] ?? '';
    expect(precache).toContain('index.html');
    expect(precache).toContain('assets/index-abc123.js');
    expect(precache).not.toMatch(/api/);
    expect(sw).toMatch(/registerRoute\(\(\{url:\w+\}\)=>\w+\.pathname\.startsWith\("\/api\/"\),new \w+\.NetworkOnly/);
    expect(sw).toContain('denylist:[/^\\/api\\//');
    for (const caching of ['CacheFirst', 'NetworkFirst', 'StaleWhileRevalidate', 'CacheOnly', 'ExpirationPlugin']) expect(sw).not.toContain(caching);
  }, 60_000);
});
