import { AppError } from '../../../shared/errors';
import type { AppMiddleware } from '../context';

interface HttpLikeError {
  status?: number;
  expose?: boolean;
  type?: string;
}

const GENERIC = 'Une erreur inattendue est survenue. Réessayez dans un instant ; si elle persiste, contactez la mairie.';

/**
 * Renders every failure as `{ error, message }`. Only AppErrors carry their message to the user;
 * anything else is logged with its stack and answered with a generic sentence.
 */
export const errorHandler: AppMiddleware = async (ctx, next) => {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined && ctx.path.startsWith('/api/')) {
      throw new AppError('not_found', "Cette adresse de l'API n'existe pas.");
    }
  } catch (err) {
    let error: AppError;
    if (err instanceof AppError) {
      error = err;
    } else {
      const http = (err ?? {}) as HttpLikeError;
      if (http.status === 413 || http.type === 'entity.too.large') {
        error = new AppError('payload_too_large', 'La requête est trop volumineuse.');
      } else if (http.status && http.status >= 400 && http.status < 500 && http.expose) {
        error = new AppError('validation', 'La requête est invalide.');
      } else {
        ctx.deps.logger.error({ err, method: ctx.method, path: ctx.path }, 'request failed');
        error = new AppError('internal', GENERIC);
      }
    }
    ctx.status = error.status;
    if (error.retryAfterSeconds) ctx.set('Retry-After', String(error.retryAfterSeconds));
    ctx.body = {
      ...error.extra,
      error: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
    };
  }
};
