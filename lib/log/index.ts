// The process's structured logger (pino): one JSON line per event with level, time and the fields the
// caller gives, or a human format for a terminal. HOOKLINE_LOG_FORMAT=json|pretty (default: pretty when
// stdout is a terminal, JSON otherwise), HOOKLINE_LOG_LEVEL=debug|info|warn|error.
//
// What may be logged: ids, names of things, routes, statuses, durations, counts, error messages. Never a
// request or response body, a header value, a password, a token or a secret — callers pass only such
// fields, and the redaction below is a second line for a field that slips in by name.
import pino from 'pino';
import pretty from 'pino-pretty';
import { logConfig } from '@/lib/config';
import { requestContext } from './context';

export type Logger = pino.Logger;

/** Field names whose values never reach a log line, wherever they appear (one level deep too). */
const SECRET_FIELDS = ['password', 'token', 'secret', 'authorization', 'cookie', 'apiKey', 'key', 'body', 'headers', 'signingSecret'];
const redact = { paths: SECRET_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: '[redacted]' };

/** A logger writing to `destination` (a stream, or a file descriptor: stdout by default) in the configured or given format. */
export function createLogger({ destination, format, level }: { destination?: NodeJS.WritableStream | 1 | 2; format?: 'json' | 'pretty'; level?: string } = {}): Logger {
  const cfg = logConfig();
  const fd = typeof destination === 'number' ? destination : undefined;
  const tty = fd === 2 ? process.stderr.isTTY : process.stdout.isTTY;
  const fmt = format ?? cfg.HOOKLINE_LOG_FORMAT ?? (tty && typeof destination !== 'object' ? 'pretty' : 'json');
  const opts: pino.LoggerOptions = {
    level: level ?? cfg.HOOKLINE_LOG_LEVEL,
    base: undefined,
    redact,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Lines logged while a request runs name it (lib/log/context.ts).
    mixin: () => {
      const ctx = requestContext();
      return ctx ? { requestId: ctx.requestId, ...(ctx.accountId ? { accountId: ctx.accountId } : {}) } : {};
    },
  };
  if (fmt === 'pretty') {
    // In-process and synchronous (no worker thread): works the same in the Next server, the CLI and tests.
    const stream = pretty({ sync: true, destination: destination ?? 1, colorize: typeof destination !== 'object' && Boolean(tty), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
    return pino(opts, stream);
  }
  return pino(opts, typeof destination === 'object' ? destination : pino.destination({ dest: fd ?? 1, sync: true }));
}

const holder = globalThis as unknown as { hooklineLogger?: Logger };

/** The process's logger, created on first use. */
export function logger(): Logger {
  return (holder.hooklineLogger ??= createLogger());
}

/** Replaces the process's logger (tests capture lines with it); returns the previous one. */
export function setLogger(next: Logger | undefined): Logger | undefined {
  const prev = holder.hooklineLogger;
  holder.hooklineLogger = next;
  return prev;
}

/** For code that takes a `(line) => void` callback (migrations, the embedded database): info lines. */
export const logLine =
  (component: string) =>
  (line: string): void =>
    logger().info({ component }, line);
