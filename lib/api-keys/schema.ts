import { z } from 'zod';

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Give the key a name').max(100, 'At most 100 characters'),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

/** What the API and the screens show of a key: never the secret or its hash. */
export const apiKeyViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The key's first characters (hk_ and 6 more), to recognise it in lists. */
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;
