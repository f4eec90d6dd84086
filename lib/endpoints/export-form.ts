// The Data export form: the same field rules as the API (endpointFields), shaped for the screen
// (an Authentication toggle, a stored password that is kept unless changed). Browser-safe.
import { z } from 'zod';
import { ACTIVITY_STATUSES } from '@/lib/activities/schema';
import { endpointFields, type EndpointView } from './schema';

export const exportFormSchema = z
  .object({
    name: endpointFields.name,
    url: endpointFields.url,
    authEnabled: z.boolean(),
    auth: z.object({ login: z.string(), password: z.string(), keepPassword: z.boolean() }),
    headers: endpointFields.headers,
    statuses: endpointFields.statuses,
  })
  .superRefine((v, ctx) => {
    if (!v.authEnabled) return;
    if (!v.auth.login.trim()) ctx.addIssue({ code: 'custom', path: ['auth', 'login'], message: 'Enter the login' });
    if (!v.auth.keepPassword && !v.auth.password) ctx.addIssue({ code: 'custom', path: ['auth', 'password'], message: 'Enter the password' });
  });
export type ExportFormValues = z.input<typeof exportFormSchema>;
export type ExportFormOutput = z.output<typeof exportFormSchema>;

export function emptyExportForm(): ExportFormValues {
  return { name: '', url: '', authEnabled: false, auth: { login: '', password: '', keepPassword: false }, headers: [], statuses: [...ACTIVITY_STATUSES] };
}

export function exportFormFromView(e: EndpointView): ExportFormValues {
  return {
    name: e.name,
    url: e.url,
    authEnabled: e.auth !== null,
    auth: { login: e.auth?.login ?? '', password: '', keepPassword: Boolean(e.auth?.passwordSet) },
    headers: e.headers,
    statuses: e.statuses as ExportFormValues['statuses'],
  };
}

/** The API body (create or update) for the form's values. */
export function exportFormToInput(v: ExportFormOutput) {
  return {
    name: v.name,
    url: v.url,
    headers: v.headers,
    statuses: v.statuses,
    auth: v.authEnabled ? { login: v.auth.login.trim(), ...(v.auth.keepPassword ? {} : { password: v.auth.password }) } : null,
  };
}
