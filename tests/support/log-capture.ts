// A logger whose JSON lines the test reads back (the real pino logger, writing to memory).
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@/lib/log';

export type Captured = { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string };

export function captureLogs(level = 'debug'): Captured {
  let text = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  const logger = createLogger({ destination: sink, format: 'json', level });
  return {
    logger,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
