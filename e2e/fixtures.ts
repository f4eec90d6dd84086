// The people and accounts the end-to-end tests sign in as; e2e/server.ts creates them in a fresh
// database before starting the app.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

export const FIXTURES_FILE = 'e2e/.artifacts/fixtures.json';
/** A certificate the app under test trusts, for HTTPS receivers started by the specs. */
export const TLS_KEY_FILE = 'e2e/.artifacts/tls-key.pem';
export const TLS_CERT_FILE = 'e2e/.artifacts/tls-cert.pem';
export const trustedPem = () => ({ key: readFileSync(TLS_KEY_FILE, 'utf8'), cert: readFileSync(TLS_CERT_FILE, 'utf8') });

export type E2EFixtures = {
  alice: { email: string; password: string };
  bob: { email: string; password: string };
  acme: { id: string; name: string; apiKey: string };
  globex: { id: string; name: string; apiKey: string; apiKeyId: string };
};

export const fixtures = (): E2EFixtures => JSON.parse(readFileSync(FIXTURES_FILE, 'utf8'));

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The home page renders the overview on the server: give a busy machine time.
  await expect(page.getByTestId('current-account')).toBeVisible({ timeout: 15_000 });
}
