// Password hashing with Argon2id (@node-rs/argon2: maintained, prebuilt binaries shipped through npm).
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export const hashPassword = (password: string) => hash(password);

// Verifying against a fixed hash when the user does not exist keeps the answer time the same, so
// login timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash('not-a-real-password');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** A readable random password for generated logins (demo account, CLI). */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
