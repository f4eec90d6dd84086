// The Laboratory form (Settings → Laboratory): the account webhook switched on or off, and its address.
// Browser-safe: the screen's form and the route handler validate with this same schema.
import { z } from 'zod';
import type { EndpointView } from './schema';
import { webhookUrlSchema } from './schema';

/** The address is required (and checked) only when the webhook is being enabled; disabling keeps the stored one. */
export const laboratorySchema = z
  .object({ enabled: z.boolean(), url: z.string().trim() })
  .superRefine((value, ctx) => {
    if (!value.enabled) return;
    const checked = webhookUrlSchema.safeParse(value.url);
    if (!checked.success) {
      for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: ['url'], message: issue.message });
    }
  });
export type LaboratoryInput = z.input<typeof laboratorySchema>;
export type Laboratory = z.output<typeof laboratorySchema>;

/** What the screen shows of the account webhook. */
export type LaboratoryView = {
  enabled: boolean;
  /** The stored address (kept while disabled); null before the first successful save. */
  url: string | null;
  endpointId: string | null;
  state: EndpointView['state'];
  blockedSince: string | null;
  lastSuccessAt: string | null;
  /** Activities waiting for this webhook (held while it is disabled or failing). */
  waiting: number;
};

/** The outcome of the GET request sent to the address on save. */
export type LaboratoryTest =
  | { ok: true; status: number; durationMs: number }
  | { ok: false; status: number | null; error: { kind: string; message: string }; durationMs: number };

/** A failed test is a normal answer (saved: false), not an error: nothing was changed. */
export type LaboratorySaveResult = {
  saved: boolean;
  test: LaboratoryTest | null;
  laboratory: LaboratoryView;
  /** Only when this save created the webhook: its signing secret, shown once (like an export's). */
  signingSecret?: string;
};
