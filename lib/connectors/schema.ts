// Auth connectors for workflow webhooks: Basic (login + password), Bearer token, or API key (header
// name + key). Browser-safe: shared by the Connectors page, the Manage Webhook dialog and the routes.
import { z } from 'zod';
import { headerNameProblem, headerValueProblem } from '@/lib/http/rules';
import { REQUEST_OWN_HEADERS } from '@/lib/templates/render';

export const CONNECTOR_TYPES = [
  { key: 'basic', label: 'Basic' },
  { key: 'bearer', label: 'Bearer token' },
  { key: 'api_key', label: 'API key' },
] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number]['key'];

const name = z.string().trim().min(1, 'Enter a name').max(100, 'At most 100 characters');
const problem = (check: (v: string) => string | null) => (v: string, ctx: z.RefinementCtx) => {
  const message = check(v);
  if (message) ctx.addIssue({ code: 'custom', message });
};
const secret = (label: string) => z.string().min(1, `Enter the ${label}`).max(4000, 'Too long').refine((v) => !/[\r\n]/.test(v), 'No line breaks');
/** A token or key is sent as (part of) a header value, so it obeys the header value rule. */
const headerSecret = (label: string) => z.string().min(1, `Enter the ${label}`).max(4000, 'Too long').superRefine(problem(headerValueProblem));
/** The API key's header: the one header-name rule (lib/http/rules.ts); Content-Type belongs to the webhook's body. */
const headerName = z
  .string()
  .trim()
  .superRefine(problem((v) => headerNameProblem(v, REQUEST_OWN_HEADERS)));

/** Create: every secret required. */
export const connectorSchema = z.discriminatedUnion('type', [
  z.object({ name, type: z.literal('basic'), login: z.string().trim().min(1, 'Enter the login').max(200), password: secret('password') }),
  z.object({ name, type: z.literal('bearer'), token: headerSecret('token') }),
  z.object({ name, type: z.literal('api_key'), headerName, key: headerSecret('key') }),
]);
export type ConnectorInput = z.infer<typeof connectorSchema>;

/** Update: the stored secret is kept when none is given. */
export const connectorUpdateSchema = z.discriminatedUnion('type', [
  z.object({ name, type: z.literal('basic'), login: z.string().trim().min(1, 'Enter the login').max(200), password: secret('password').optional() }),
  z.object({ name, type: z.literal('bearer'), token: headerSecret('token').optional() }),
  z.object({ name, type: z.literal('api_key'), headerName, key: headerSecret('key').optional() }),
]);
export type ConnectorUpdate = z.infer<typeof connectorUpdateSchema>;

export type ConnectorView = {
  id: string;
  name: string;
  type: ConnectorType;
  login: string | null;
  headerName: string | null;
  /** "••••••ab": enough to recognise, never enough to use. */
  secretMasked: string;
  usedBy: { id: string; name: string; deleted: boolean }[];
};

/** The connector dialog's fields: one flat form whatever the type; only the chosen type's fields count. */
export type ConnectorFormValues = { name: string; type: ConnectorType; login: string; password: string; token: string; headerName: string; key: string };

export function connectorFormDefaults(c?: ConnectorView): ConnectorFormValues {
  return { name: c?.name ?? '', type: c?.type ?? 'basic', login: c?.login ?? '', password: '', token: '', headerName: c?.headerName ?? '', key: '' };
}

/** The API body for the form's values; an empty secret is left out (kept on update, refused on create). */
export function connectorFormToBody(v: ConnectorFormValues) {
  if (v.type === 'basic') return { name: v.name, type: v.type, login: v.login, password: v.password || undefined };
  if (v.type === 'bearer') return { name: v.name, type: v.type, token: v.token || undefined };
  return { name: v.name, type: v.type, headerName: v.headerName, key: v.key || undefined };
}

/**
 * The form's resolver schema: the flat values, checked by the API's own schema (create, or update
 * when editing) on the body they become, so the form and the route answer alike, field by field.
 */
export function connectorFormSchema(editing: boolean) {
  const api = editing ? connectorUpdateSchema : connectorSchema;
  return z
    .object({
      name: z.string(),
      type: z.enum(CONNECTOR_TYPES.map((t) => t.key) as [ConnectorType, ...ConnectorType[]]),
      login: z.string(),
      password: z.string(),
      token: z.string(),
      headerName: z.string(),
      key: z.string(),
    })
    .transform((v, ctx) => {
      const parsed = api.safeParse(connectorFormToBody(v));
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    });
}
