import coBody from 'co-body';
import { AppError } from '../../../shared/errors';
import type { AppMiddleware } from '../context';

// Large enough for a request of a few thousand booking lines to reach its own, clearer refusal.
export const JSON_LIMIT = '256kb';

/**
 * Parses JSON bodies into `ctx.state.body` (unknown until a route validates it). Bodies of other
 * types are refused here; file uploads get their own route-level parser.
 */
export const jsonBody: AppMiddleware = async (ctx, next) => {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) || !ctx.path.startsWith('/api/')) return next();
  const length = Number(ctx.get('content-length') || '0');
  const hasBody = length > 0 || ctx.get('transfer-encoding') !== '';
  if (!hasBody) {
    ctx.state.body = undefined;
    return next();
  }
  // Uploads are parsed by their own route, with their own size limit.
  if (ctx.is('multipart/form-data')) return next();
  if (!ctx.is('application/json')) {
    throw new AppError('unsupported_media_type', 'Le contenu de la requête doit être au format JSON.');
  }
  try {
    ctx.state.body = await coBody.json(ctx.req, { limit: JSON_LIMIT, strict: true });
  } catch (err) {
    const e = err as { status?: number; type?: string };
    if (e.status === 413 || e.type === 'entity.too.large') {
      throw new AppError('payload_too_large', 'La requête est trop volumineuse.');
    }
    throw new AppError('invalid_json', "Le contenu de la requête n'est pas un JSON valide.");
  }
  return next();
};
