import type { TestProject } from 'vitest/node';
import { createDatabase, dropDatabase } from './databases';
import { migrate } from '@/lib/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const { name, url } = await createDatabase();
  await migrate(url);
  project.provide('databaseUrl', url);
  return async () => {
    if (!process.env.HOOKLINE_KEEP_TEST_DB) await dropDatabase(name);
  };
}
