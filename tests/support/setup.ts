import { inject, afterAll } from 'vitest';
import { closeDb } from '@/lib/db';

process.env.DATABASE_URL = inject('databaseUrl');
// Quiet test output: tests that read log lines make their own logger (tests/support/log-capture.ts).
process.env.HOOKLINE_LOG_LEVEL ??= 'silent';
process.env.HOOKLINE_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';

afterAll(async () => {
  await closeDb();
});
