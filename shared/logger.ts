import pino, { type Logger } from 'pino';

/** Structured logs; anything that looks like a secret is redacted before it is written. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'marelle' },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'csrfToken',
        '*.csrfToken',
        'iban',
        '*.iban',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'headers.cookie',
      ],
      censor: '[masqué]',
    },
  });
}
