import type { AppMiddleware } from '../context';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Mantine and React set style attributes; no inline scripts are allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

export const securityHeaders: AppMiddleware = async (ctx, next) => {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'same-origin');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Content-Security-Policy', CSP);
  ctx.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (ctx.secure) ctx.set('Strict-Transport-Security', 'max-age=31536000');
  await next();
  // API answers are never stored, unless the route chose its own policy (the public
  // attachments of published content, which are the same bytes for everyone).
  if (ctx.path.startsWith('/api/') && !ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
};
