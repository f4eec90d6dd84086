// Secrets at rest (Basic-auth passwords, signing secrets, connector tokens): AES-256-GCM with a key
// derived from HOOKLINE_SECRET by HKDF, so a database dump alone reveals none of them.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { config } from '@/lib/config';

const VERSION = 'v1';
let cachedKey: { secret: string; key: Buffer } | undefined;
/** Secrets already opened, by sealed text: the worker signs every request of an endpoint with the same
 *  sealed secret, and AES-GCM setup per request was ~6 % of its CPU. Bounded; the least recently used go first. */
const opened = new Map<string, string>();
const OPENED_MAX = 1000;

function key(): Buffer {
  const secret = config().HOOKLINE_SECRET;
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: Buffer.from(hkdfSync('sha256', secret, 'hookline', 'secrets-at-rest', 32)) };
    opened.clear(); // what the old key opened is not what the new one would
  }
  return cachedKey.key;
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

export function decryptSecret(sealed: string): string {
  const k = key();
  const known = opened.get(sealed);
  if (known !== undefined) {
    opened.delete(sealed); // most recently used last: the oldest unused go first
    opened.set(sealed, known);
    return known;
  }
  const plain = open(sealed, k);
  if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value!);
  opened.set(sealed, plain);
  return plain;
}

function open(sealed: string, k: Buffer): string {
  const [version, iv, tag, data] = sealed.split(':');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Unreadable encrypted secret');
  const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

/** "••••••cd" — enough to recognise a secret, never enough to use it. */
export function maskSecret(value: string): string {
  return value.length <= 4 ? '••••' : `••••••${value.slice(-2)}`;
}
