// The workflow request webhook ("Manage Webhook" form and API): one schema for the browser form, the
// route handlers and the tests. Templates may hold ${…} variables, so URL, JSON and XML are checked
// with every variable replaced by a placeholder; the real values are checked again by renderRequest.
import { z } from 'zod';
import { HTTPS_REQUIRED_MESSAGE, MAX_URL_LENGTH, headerListIssues, headerValueProblem, isHttps, urlProblem } from '@/lib/http/rules';
import { REQUEST_OWN_HEADERS, checkXml, parseTemplate, xmlMessage, type BodyFormat, type RequestSpec } from './render';

export { HTTPS_REQUIRED_MESSAGE, MAX_URL_LENGTH };

export const REQUEST_METHODS = ['GET', 'POST'] as const;
export const BODY_FORMATS = ['json', 'xml', 'text'] as const satisfies readonly BodyFormat[];
export const MAX_REQUEST_HEADERS = 20;
export const MAX_HEADER_VALUE_LENGTH = 2000;
export const MAX_BODY_LENGTH = 65_536;
export const DEFAULT_RATE_LIMIT = 10;
export const MAX_RATE_LIMIT = 10_000;
export const DEFAULT_CONCURRENCY = 10;
export const MAX_CONCURRENCY = 200;

/** The template's text with every variable replaced by `placeholder` (and `$${` by `${`). */
export function fillVariables(template: string, placeholder: string): string {
  return parseTemplate(template)
    .tokens.map((t) => (t.kind === 'text' ? t.text : placeholder))
    .join('');
}

function addTemplateProblems(template: string, ctx: z.RefinementCtx, path: (string | number)[]) {
  for (const p of parseTemplate(template).problems) ctx.addIssue({ code: 'custom', path, message: p.message });
}

export const requestUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the URL')
  .superRefine((url, ctx) => {
    if (!url) return; // 'Enter the URL'
    // The scheme is checked on the template itself: `${base}/x` cannot promise https.
    if (!isHttps(url)) {
      ctx.addIssue({ code: 'custom', message: HTTPS_REQUIRED_MESSAGE });
      return;
    }
    addTemplateProblems(url, ctx, []);
    const problem = urlProblem(fillVariables(url, '1'), { https: true });
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * A header value template: its own text must be sendable (lib/http/rules.ts); the variables' values
 * are checked again when rendered, before anything is sent (render.ts checkHeader).
 */
function headerTemplateProblem(value: string): string | null {
  const problems = parseTemplate(value).problems;
  if (problems.length > 0) return problems[0].message;
  return headerValueProblem(fillVariables(value, 'x'));
}

export const requestHeaderSchema = z.object({
  name: z.string().trim().max(100, 'At most 100 characters'),
  value: z.string().max(MAX_HEADER_VALUE_LENGTH, `At most ${MAX_HEADER_VALUE_LENGTH.toLocaleString('en')} characters`),
});

export const requestWebhookSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter the webhook name').max(100, 'At most 100 characters'),
    description: z.string().trim().max(500, 'At most 500 characters').nullish(),
    method: z.enum(REQUEST_METHODS, { error: 'Choose GET or POST' }),
    url: requestUrlSchema,
    passHeaders: z.boolean().default(false),
    headers: z.array(requestHeaderSchema).max(MAX_REQUEST_HEADERS, `At most ${MAX_REQUEST_HEADERS} headers`).default([]),
    authEnabled: z.boolean().default(false),
    connectorId: z.uuid('Choose an authentication connector').nullable().default(null),
    bodyEnabled: z.boolean().default(false),
    bodyFormat: z.enum(BODY_FORMATS, { error: 'Choose JSON, XML or text' }).default('json'),
    body: z.string().max(MAX_BODY_LENGTH, `At most ${MAX_BODY_LENGTH.toLocaleString('en')} characters`).default(''),
    /** Workflow runs send at most this many requests per second (null: no limit) … */
    rateLimit: z.coerce
      .number({ error: 'Must be a number' })
      .int('Must be a whole number')
      .min(1, 'At least 1 per second')
      .max(MAX_RATE_LIMIT, `At most ${MAX_RATE_LIMIT.toLocaleString('en')} per second`)
      .nullable()
      .default(DEFAULT_RATE_LIMIT),
    /** … and at most this many at once. */
    maxConcurrency: z.coerce
      .number({ error: 'Must be a number' })
      .int('Must be a whole number')
      .min(1, 'At least 1')
      .max(MAX_CONCURRENCY, `At most ${MAX_CONCURRENCY}`)
      .default(DEFAULT_CONCURRENCY),
  })
  .superRefine((w, ctx) => {
    // Sections that are switched off are not checked (and not used: see toRequestSpec).
    if (w.passHeaders) {
      for (const issue of headerListIssues(w.headers, { own: REQUEST_OWN_HEADERS, valueProblem: headerTemplateProblem })) {
        ctx.addIssue({ code: 'custom', path: ['headers', ...issue.path], message: issue.message });
      }
    }
    if (w.authEnabled && !w.connectorId) {
      ctx.addIssue({ code: 'custom', path: ['connectorId'], message: 'Choose an authentication connector' });
    }
    if (w.method === 'POST' && w.bodyEnabled) {
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['body'], message });
      if (!w.body.trim()) {
        issue('Enter the request body');
        return;
      }
      const before = parseTemplate(w.body).problems.length;
      addTemplateProblems(w.body, ctx, ['body']);
      if (before > 0) return;
      if (w.bodyFormat === 'json') {
        try {
          JSON.parse(fillVariables(w.body, '1'));
        } catch (e) {
          issue(`The body is not valid JSON: ${(e as Error).message}`);
        }
      } else if (w.bodyFormat === 'xml') {
        const check = checkXml(fillVariables(w.body, 'x'));
        if (!check.ok) issue(`The body is not well-formed XML: ${xmlMessage(check)}`);
      }
    }
  });

/** What the API accepts and the form submits, after parsing (defaults applied). */
export type RequestWebhookInput = z.output<typeof requestWebhookSchema>;
/** The form's values before parsing (fields with defaults may be absent). */
export type RequestWebhookFormValues = z.input<typeof requestWebhookSchema>;
export type RequestHeader = z.output<typeof requestHeaderSchema>;

/** The request renderRequest sends: switched-off sections dropped, GET without a body. */
export function toRequestSpec(w: RequestWebhookInput): RequestSpec {
  const body = w.method === 'POST' && w.bodyEnabled;
  return {
    method: w.method,
    url: w.url,
    headers: w.passHeaders ? w.headers : [],
    bodyFormat: body ? w.bodyFormat : null,
    body: body ? w.body : null,
  };
}
