/**
 * Start-up failures explained to the office staff (French), with the technical detail kept for the log.
 * Pure module: no Electron import, unit-tested in Node.
 */
export interface StartupErrorText {
  title: string;
  message: string;
}

const codeOf = (err: unknown): string | undefined =>
  err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

export function describeStartupError(err: unknown, context: { backofficePort?: number; portalPort?: number } = {}): StartupErrorText {
  const detail = err instanceof Error ? err.message : String(err);
  const title = 'Marelle ne peut pas démarrer';
  if (codeOf(err) === 'EADDRINUSE') {
    const ports = [context.portalPort, context.backofficePort].filter((p) => p !== undefined && p !== 0).join(' ou ');
    return {
      title,
      message:
        `Un port réseau${ports ? ` (${ports})` : ''} est déjà utilisé : Marelle est peut-être déjà ouvert, ou « npm run serve » tourne sur ce poste.\n` +
        'Fermez l’autre instance, ou choisissez d’autres ports avec MARELLE_PORTAL_PORT / MARELLE_BACKOFFICE_PORT.\n\n' +
        detail,
    };
  }
  if (/Cannot find module .*better_sqlite3\.node/.test(detail)) {
    return {
      title,
      message: `Le module SQLite pour Electron est introuvable : vérifiez MARELLE_SQLITE_BINDING.\n\n${detail}`,
    };
  }
  if (/NODE_MODULE_VERSION|was compiled against a different Node\.js version|better_sqlite3\.node/.test(detail)) {
    return {
      title,
      message:
        'Le module SQLite (better-sqlite3) n’est pas compilé pour cette version d’Electron.\n' +
        'Construisez-le pour Electron (voir docs/decisions/0002-better-sqlite3-in-electron.md) ' +
        'ou indiquez son chemin avec MARELLE_SQLITE_BINDING.\n\n' +
        detail,
    };
  }
  if (detail.startsWith('Configuration invalide')) return { title, message: detail };
  return { title, message: `Erreur inattendue au démarrage :\n\n${detail}` };
}
