import type { Logger } from '@salescoach/domain';
import { pino, type Logger as PinoLogger } from 'pino';

/**
 * Structured JSON logs. Callers pass ids, sizes and durations; as a second line of
 * defence, fields that could carry message content, tokens or tool arguments are redacted.
 */
export const REDACTED_FIELDS = [
  'content',
  'text',
  'token',
  'authorization',
  'args',
  'arguments',
  'connectionParams',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.content',
  '*.text',
  '*.token',
  '*.args',
  '*.arguments',
];

export function createLogger(options: {
  level: string;
  destination?: NodeJS.WritableStream;
}): Logger {
  const base = pino(
    {
      level: options.level,
      base: { app: 'salescoach-api' },
      redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
    },
    options.destination as pino.DestinationStream | undefined,
  );
  return wrap(base);
}

function wrap(log: PinoLogger): Logger {
  return {
    debug: (fields, message) => log.debug(fields, message),
    info: (fields, message) => log.info(fields, message),
    warn: (fields, message) => log.warn(fields, message),
    error: (fields, message) => log.error(fields, message),
    child: (fields) => wrap(log.child(fields)),
  };
}
