// Send test's input and result, shared by the dialog (browser) and the route. Browser-safe.
import { z } from 'zod';
import { MAX_JSON_BODY_BYTES } from '@/lib/http/limits';
import { endpointFields } from './schema';

/** The JSON text typed in the test dialog: must parse, so the user sees the error before sending. */
export const testBodySchema = z.string().superRefine((text, ctx) => {
  if (!text.trim()) return ctx.addIssue({ code: 'custom', message: 'Enter a JSON body' });
  if (new TextEncoder().encode(text).length > MAX_JSON_BODY_BYTES) return ctx.addIssue({ code: 'custom', message: 'At most 1 MiB' });
  try {
    JSON.parse(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `Not valid JSON: ${(err as Error).message}` });
  }
});
/**
 * The settings as they are on screen (saved or not): the edit page tests what the user sees, so a
 * changed URL, header or login is tested before it is saved. Absent: the saved settings. A masked
 * header value or an absent password means the stored one, as on save.
 */
export const testSettingsSchema = z.object({ url: endpointFields.url, headers: endpointFields.headers, auth: endpointFields.auth });
export type TestSettings = z.output<typeof testSettingsSchema>;
export const sendTestSchema = z.object({ body: testBodySchema, settings: testSettingsSchema.optional() });
export type SendTestInput = z.infer<typeof sendTestSchema>;

export type TestResult = {
  ok: boolean;
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response: { status: number | null; headers: Record<string, string>; body: string; durationMs: number } | null;
  error: { kind: string; message: string } | null;
};
