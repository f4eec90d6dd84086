import { inject, afterAll } from 'vitest';
import { closeDb } from '@/lib/db';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.HOOKLINE_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';

afterAll(async () => {
  await closeDb();
});
