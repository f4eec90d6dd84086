// The demo login of a first `npm start` (email, password, API key). Printed once the server answers,
// and kept in <data>/demo-login.txt, readable by this user only, until the first sign-in — so a lost
// terminal is not a lost account. The sign-in route removes it. No database, no Next imports: used by
// scripts/start.ts and by the login route alike.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The data folder (embedded PostgreSQL, secret, runtime.json): HOOKLINE_DATA_DIR or ./.data. */
export const dataDir = () => path.resolve(process.env.HOOKLINE_DATA_DIR || '.data');
export const demoLoginFile = () => path.join(dataDir(), 'demo-login.txt');

export type DemoLogin = { email: string; password: string | null; apiKey: string };

/** The block printed to the terminal, also the file's content. */
export function demoLoginText(demo: DemoLogin, url: string): string {
  return [
    `Demo account created. Sign in at ${url}`,
    '',
    `  Email:    ${demo.email}`,
    `  Password: ${demo.password}`,
    `  API key:  ${demo.apiKey}`,
    '',
    `Kept in ${demoLoginFile()} (readable by you only) until the first sign-in.`,
    `Lost it after that? npm run hookline -- reset-password --email ${demo.email}`,
  ].join('\n');
}

export function keepDemoLogin(text: string): string {
  const file = demoLoginFile();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${text}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an older file keeps its mode through writeFileSync
  return file;
}

/** After a successful sign-in: the password is no longer needed on disk. */
export function forgetDemoLogin(): void {
  rmSync(demoLoginFile(), { force: true });
}
