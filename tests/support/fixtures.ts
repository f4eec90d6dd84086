// Accounts for tests: each call makes a new account with a unique name and email.
import { randomBytes } from 'node:crypto';
import { createAccount } from '@/lib/accounts/service';

export async function newAccount(label = 'Acme') {
  const tag = randomBytes(4).toString('hex');
  return createAccount({ name: `${label} ${tag}`, email: `${label.toLowerCase()}-${tag}@example.test` });
}
