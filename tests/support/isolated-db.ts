// A database of this test file's own, for tests that run the delivery engine: a worker claims every
// due endpoint in its database, so engine tests must not share one with other files running in parallel.
import { afterAll } from 'vitest';
import { closeDb } from '@/lib/db';
import { migrate } from '@/lib/db/migrate';
import { createDatabase, dropDatabase } from './databases';

export async function isolatedDatabase(env: Record<string, string> = {}): Promise<string> {
  const { name, url } = await createDatabase('hookline_iso');
  await migrate(url);
  await closeDb();
  Object.assign(process.env, env, { DATABASE_URL: url });
  afterAll(async () => {
    await closeDb();
    await dropDatabase(name);
  });
  return url;
}
