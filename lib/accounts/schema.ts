import { z } from 'zod';
import { emailSchema } from '@/lib/auth/schema';

export const createAccountSchema = z.object({
  name: z.string().trim().min(1, 'Name the account').max(100, 'At most 100 characters'),
  email: emailSchema,
  userName: z.string().trim().max(100).optional(),
});
export type CreateAccountInput = z.infer<typeof createAccountSchema>;

export type AccountSummary = { id: string; name: string };

/** GET /api/v1/account: the account the API key belongs to. */
export const accountViewSchema = z.object({ id: z.uuid(), name: z.string(), createdAt: z.iso.datetime() });
