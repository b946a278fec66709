import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-main/channels';
import { describeStartupError } from '../../src-main/errors';
import {
  ELECTRON_BINDING_RELATIVE_PATH,
  electronBindingCandidates,
  electronNativeBinding,
  resolveAppLayout,
  resolveDataDir,
  userDataOverride,
} from '../../src-main/paths';
import {
  ensurePdfExtension,
  httpOrigin,
  isSameOrigin,
  isTrustedSender,
  MAX_PDF_BYTES,
  navigationDecision,
  safePdfFileName,
  validateSavePdfArgs,
  windowOpenDecision,
} from '../../src-main/security';
import { parseDesktopSettings, pickLogLevel, readDesktopSettings } from '../../src-main/settings';

const BACKOFFICE = 'http://127.0.0.1:3001';
const pdf = (extra = 0): Uint8Array => {
  const bytes = new Uint8Array(5 + extra);
  bytes.set(Buffer.from('%PDF-'), 0);
  return bytes;
};

describe('desktop settings (marelle-desktop.json)', () => {
  it('defaults to local mode when there is no file', () => {
    expect(parseDesktopSettings(null)).toEqual({ settings: { mode: 'local' }, warning: null });
  });

  it('reads local mode', () => {
    expect(parseDesktopSettings('{"mode":"local"}')).toEqual({ settings: { mode: 'local' }, warning: null });
    // A remembered serverUrl does not matter in local mode.
    expect(parseDesktopSettings('{"mode":"local","serverUrl":"http://10.0.0.2:3001"}').settings).toEqual({ mode: 'local' });
  });

  it('reads remote mode with an http(s) server URL, normalized', () => {
    expect(parseDesktopSettings('{"mode":"remote","serverUrl":"http://192.168.1.10:3001"}')).toEqual({
      settings: { mode: 'remote', serverUrl: 'http://192.168.1.10:3001/' },
      warning: null,
    });
    expect(parseDesktopSettings('{"mode":"remote","serverUrl":" https://marelle.mairie.fr/backoffice/ "}').settings).toEqual({
      mode: 'remote',
      serverUrl: 'https://marelle.mairie.fr/backoffice/',
    });
  });

  it.each([
    ['not JSON', '{mode: remote', /JSON invalide/],
    ['an array', '[]', /Réglages invalides/],
    ['an unknown mode', '{"mode":"cloud"}', /mode/],
    ['remote without serverUrl', '{"mode":"remote"}', /serverUrl est obligatoire/],
    ['a file:// server URL', '{"mode":"remote","serverUrl":"file:///etc/passwd"}', /http:\/\/ ou https:\/\//],
    ['a javascript: server URL', '{"mode":"remote","serverUrl":"javascript:alert(1)"}', /http:\/\/ ou https:\/\//],
    ['an unparsable server URL', '{"mode":"remote","serverUrl":"pas une adresse"}', /adresse valide/],
    ['credentials in the server URL', '{"mode":"remote","serverUrl":"http://admin:secret@10.0.0.2:3001"}', /identifiants/],
    ['a non-string server URL', '{"mode":"remote","serverUrl":3001}', /serverUrl/],
  ])('falls back to local mode, with a warning, on %s', (_label, text, warning) => {
    const result = parseDesktopSettings(text);
    expect(result.settings).toEqual({ mode: 'local' });
    expect(result.warning).toMatch(warning);
  });

  it('reads the file from disk; a missing file is not an error, an unreadable one is', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-desktop-'));
    try {
      const file = path.join(dir, 'marelle-desktop.json');
      expect(readDesktopSettings(file)).toEqual({ settings: { mode: 'local' }, warning: null });
      fs.writeFileSync(file, JSON.stringify({ mode: 'remote', serverUrl: 'http://10.0.0.2:3001' }));
      expect(readDesktopSettings(file).settings).toEqual({ mode: 'remote', serverUrl: 'http://10.0.0.2:3001/' });
      const unreadable = readDesktopSettings(file, () => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      });
      expect(unreadable.settings).toEqual({ mode: 'local' });
      expect(unreadable.warning).toMatch(/Lecture impossible/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('picks a valid log level or info', () => {
    expect(pickLogLevel({ MARELLE_LOG_LEVEL: 'debug' })).toBe('debug');
    expect(pickLogLevel({ MARELLE_LOG_LEVEL: 'bavard' })).toBe('info');
    expect(pickLogLevel({})).toBe('info');
  });
});

describe('origin checks', () => {
  it('extracts http(s) origins only', () => {
    expect(httpOrigin('http://127.0.0.1:3001/familles?id=3')).toBe(BACKOFFICE);
    expect(httpOrigin('https://marelle.mairie.fr/')).toBe('https://marelle.mairie.fr');
    expect(httpOrigin('file:///C:/out/renderer/index.html')).toBeNull();
    expect(httpOrigin('data:text/html,hello')).toBeNull();
    expect(httpOrigin('javascript:alert(1)')).toBeNull();
    expect(httpOrigin('')).toBeNull();
    expect(httpOrigin(null)).toBeNull();
    expect(httpOrigin('::not a url')).toBeNull();
  });

  it('compares scheme, host and port exactly', () => {
    expect(isSameOrigin('http://127.0.0.1:3001/dashboard', BACKOFFICE)).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:3000/', BACKOFFICE)).toBe(false); // the family portal
    expect(isSameOrigin('http://localhost:3001/', BACKOFFICE)).toBe(false);
    expect(isSameOrigin('https://127.0.0.1:3001/', BACKOFFICE)).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:3001.evil.example/', BACKOFFICE)).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:3001@evil.example/', BACKOFFICE)).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:3001/', null)).toBe(false);
    // A file:// page has the opaque origin "null": never trusted, even against itself.
    expect(isSameOrigin('file:///x', 'file:///x')).toBe(false);
  });

  it('allows navigation inside the back-office only', () => {
    expect(navigationDecision('http://127.0.0.1:3001/familles/12', BACKOFFICE)).toBe('allow');
    expect(navigationDecision('https://evil.example/', BACKOFFICE)).toBe('deny');
    expect(navigationDecision('file:///etc/passwd', BACKOFFICE)).toBe('deny');
    expect(navigationDecision('http://127.0.0.1:3001/', null)).toBe('deny');
  });

  it('sends http(s) links to other origins to the system browser and opens no window otherwise', () => {
    expect(windowOpenDecision('https://www.service-public.fr/', BACKOFFICE)).toBe('open-external');
    expect(windowOpenDecision('http://127.0.0.1:3000/', BACKOFFICE)).toBe('open-external'); // the portal, in the browser
    expect(windowOpenDecision('http://127.0.0.1:3001/print', BACKOFFICE)).toBe('deny');
    expect(windowOpenDecision('file:///C:/Windows/System32/calc.exe', BACKOFFICE)).toBe('deny');
    expect(windowOpenDecision('smb://server/share', BACKOFFICE)).toBe('deny');
    expect(windowOpenDecision('javascript:alert(1)', BACKOFFICE)).toBe('deny');
  });

  it('trusts IPC only from a frame showing the back-office', () => {
    expect(isTrustedSender('http://127.0.0.1:3001/', BACKOFFICE)).toBe(true);
    expect(isTrustedSender('https://evil.example/', BACKOFFICE)).toBe(false);
    expect(isTrustedSender(undefined, BACKOFFICE)).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:3001/', null)).toBe(false);
  });

  it('names exactly three IPC channels', () => {
    expect(Object.values(CHANNELS).sort()).toEqual(['marelle:app-version', 'marelle:print-current-page', 'marelle:save-pdf']);
  });
});

describe('marelle:save-pdf arguments', () => {
  it('accepts a name and PDF bytes', () => {
    const data = pdf(10);
    expect(validateSavePdfArgs('Facture 2026-09 Martin', data)).toEqual({ ok: true, fileName: 'Facture 2026-09 Martin.pdf', data });
    expect(validateSavePdfArgs('a'.repeat(200), data).ok).toBe(true);
    expect(validateSavePdfArgs('x.pdf', Buffer.from('%PDF-1.7')).ok).toBe(true);
  });

  it.each<[string, unknown, unknown, RegExp]>([
    ['a non-string name', 42, pdf(), /chaîne/],
    ['a name over 200 characters', 'a'.repeat(201), pdf(), /200/],
    ['bytes that are not a Uint8Array', 'x', [0x25, 0x50, 0x44, 0x46, 0x2d], /Uint8Array/],
    ['an ArrayBuffer', 'x', new ArrayBuffer(8), /Uint8Array/],
    ['a string', 'x', '%PDF-1.7', /Uint8Array/],
    ['empty bytes', 'x', new Uint8Array(0), /vide/],
    ['bytes that are not a PDF', 'x', Buffer.from('MZ\x90\x00 executable'), /pas un document PDF/],
  ])('refuses %s', (_label, name, data, error) => {
    const result = validateSavePdfArgs(name, data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('refuses more than 50 MB', () => {
    expect(validateSavePdfArgs('x', pdf(MAX_PDF_BYTES - 5)).ok).toBe(true);
    const tooBig = validateSavePdfArgs('x', pdf(MAX_PDF_BYTES - 4));
    expect(tooBig).toEqual({ ok: false, error: 'Le PDF dépasse 50 Mo.' });
  });

  it('reduces the suggested name to a bare, safe .pdf file name', () => {
    expect(safePdfFileName('../../etc/passwd')).toBe('_.._etc_passwd.pdf');
    expect(safePdfFileName('C:\\Windows\\evil')).toBe('C__Windows_evil.pdf');
    expect(safePdfFileName('Feuille d’appel : 3-5 ans / mercredi')).toBe('Feuille d’appel _ 3-5 ans _ mercredi.pdf');
    expect(safePdfFileName('facture.PDF')).toBe('facture.pdf');
    expect(safePdfFileName('  .cache  ')).toBe('cache.pdf');
    expect(safePdfFileName('ligne\nnouvelle\u0000')).toBe('ligne_nouvelle_.pdf');
    expect(safePdfFileName('')).toBe('document.pdf');
    expect(safePdfFileName('...')).toBe('document.pdf');
    expect(safePdfFileName('CON')).toBe('document.pdf');
    expect(safePdfFileName('rapport.')).toBe('rapport.pdf');
  });

  it('adds .pdf to a chosen path without it', () => {
    expect(ensurePdfExtension('/home/agent/Documents/facture')).toBe('/home/agent/Documents/facture.pdf');
    expect(ensurePdfExtension('/home/agent/Documents/facture.PDF')).toBe('/home/agent/Documents/facture.PDF');
  });
});

describe('paths', () => {
  it('resolves the built layout from out/main', () => {
    const root = path.resolve('/opt/marelle');
    expect(resolveAppLayout(path.join(root, 'out', 'main'))).toEqual({
      appRoot: root,
      preloadFile: path.join(root, 'out', 'preload', 'preload.cjs'),
      staticDirs: { portal: path.join(root, 'out', 'portal'), backoffice: path.join(root, 'out', 'renderer') },
    });
  });

  it('matches the real build layout of this repository', () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const built = resolveAppLayout(path.join(root, 'out', 'main'));
    expect(built.appRoot).toBe(root);
    expect(built.staticDirs.backoffice).toBe(path.join(root, 'out', 'renderer'));
  });

  it('puts the data in userData/data unless MARELLE_DATA_DIR is set', () => {
    const userData = path.resolve('/home/agent/.config/marelle');
    expect(resolveDataDir({}, userData)).toBe(path.join(userData, 'data'));
    expect(resolveDataDir({ MARELLE_DATA_DIR: '  ' }, userData)).toBe(path.join(userData, 'data'));
    expect(resolveDataDir({ MARELLE_DATA_DIR: '/srv/marelle' }, userData)).toBe(path.resolve('/srv/marelle'));
    expect(resolveDataDir({ MARELLE_DATA_DIR: 'donnees' }, userData)).toBe(path.resolve('donnees'));
  });

  it('moves userData only when MARELLE_USER_DATA_DIR is set', () => {
    expect(userDataOverride({})).toBeUndefined();
    expect(userDataOverride({ MARELLE_USER_DATA_DIR: '/tmp/profil' })).toBe(path.resolve('/tmp/profil'));
  });

  describe('electronNativeBinding', () => {
    const appRoot = path.resolve('/opt/marelle');
    const resourcesPath = path.resolve('/opt/marelle-app/resources');

    it('prefers MARELLE_SQLITE_BINDING, taken as given', () => {
      expect(electronNativeBinding({ env: { MARELLE_SQLITE_BINDING: '/x/better_sqlite3.node' }, appRoot, exists: () => false })).toBe(
        path.resolve('/x/better_sqlite3.node'),
      );
    });

    it('returns the first candidate that exists', () => {
      const devBuild = path.join(appRoot, ELECTRON_BINDING_RELATIVE_PATH);
      expect(electronNativeBinding({ env: {}, appRoot, resourcesPath, exists: (f) => f === devBuild })).toBe(devBuild);
      const packaged = path.join(resourcesPath, ELECTRON_BINDING_RELATIVE_PATH);
      expect(electronNativeBinding({ env: {}, appRoot, resourcesPath, exists: () => true })).toBe(packaged);
    });

    it('returns undefined when no Electron build is there (node_modules build used)', () => {
      expect(electronNativeBinding({ env: {}, appRoot, resourcesPath, exists: () => false })).toBeUndefined();
      expect(electronNativeBinding({ env: { MARELLE_SQLITE_BINDING: ' ' }, appRoot, exists: () => false })).toBeUndefined();
    });

    it('looks next to an asar archive, where packagers unpack native addons', () => {
      const asar = path.join(resourcesPath, 'app.asar');
      expect(electronBindingCandidates({ appRoot: asar, resourcesPath })).toEqual([
        path.join(resourcesPath, ELECTRON_BINDING_RELATIVE_PATH),
        path.join(`${asar}.unpacked`, ELECTRON_BINDING_RELATIVE_PATH),
        path.join(asar, ELECTRON_BINDING_RELATIVE_PATH),
      ]);
    });

    it('checks the real file system by default', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marelle-native-'));
      try {
        expect(electronNativeBinding({ env: {}, appRoot: dir })).toBeUndefined();
        const file = path.join(dir, ELECTRON_BINDING_RELATIVE_PATH);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, '');
        expect(electronNativeBinding({ env: {}, appRoot: dir })).toBe(file);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('start-up errors', () => {
  it('explains a port already in use', () => {
    const err = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:3001'), { code: 'EADDRINUSE' });
    const text = describeStartupError(err, { portalPort: 3000, backofficePort: 3001 });
    expect(text.message).toMatch(/port réseau \(3000 ou 3001\) est déjà utilisé/);
    expect(text.message).toMatch(/MARELLE_BACKOFFICE_PORT/);
  });

  it('explains a better-sqlite3 build for the wrong ABI', () => {
    const err = new Error(
      "The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 145.",
    );
    const text = describeStartupError(err);
    expect(text.message).toMatch(/n’est pas compilé pour cette version d’Electron/);
    expect(text.message).toMatch(/MARELLE_SQLITE_BINDING/);
  });

  it('explains a missing better-sqlite3 build (MARELLE_SQLITE_BINDING pointing nowhere)', () => {
    const text = describeStartupError(new Error("Cannot find module '/nonexistent/better_sqlite3.node'"));
    expect(text.message).toMatch(/introuvable : vérifiez MARELLE_SQLITE_BINDING/);
  });

  it('passes configuration errors through and wraps anything else', () => {
    expect(describeStartupError(new Error('Configuration invalide :\nMARELLE_PORTAL_PORT: trop grand')).message).toBe(
      'Configuration invalide :\nMARELLE_PORTAL_PORT: trop grand',
    );
    expect(describeStartupError('boom').message).toMatch(/Erreur inattendue au démarrage :\n\nboom/);
  });
});
