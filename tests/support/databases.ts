// Throwaway PostgreSQL databases for tests, on the server named by DATABASE_URL
// (default: the local PostgreSQL's `test` database). Each run gets its own, so runs never collide.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const SERVER_URL = process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test';

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(prefix = 'hookline_test'): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
