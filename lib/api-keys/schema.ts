import { z } from 'zod';

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, 'Give the key a name').max(100, 'At most 100 characters'),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

/** What the API and the screens show of a key: never the secret or its hash. */
export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
