// GET /api/v1/openapi.json: the whole public API and the payloads Hookline sends, assembled from the
// domain files in ./domains (one per area of /api/v1; a new area is one more file in DOMAINS) and
// ./webhooks.ts. Built once per process: it depends on nothing but the code.
import { errorBodySchema } from '@/lib/http/errors';
import { MAX_JSON_BODY_BYTES } from '@/lib/http/limits';
import { ERROR_ANSWERS, SchemaConverter, errorResponseName, type DomainSpec, type JsonSchema, type Method, type OperationSpec, type ResponseSpec } from './define';
import { account } from './domains/account';
import { activities } from './domains/activities';
import { apiKeys } from './domains/api-keys';
import { contacts } from './domains/contacts';
import { endpoints } from './domains/endpoints';
import { events } from './domains/events';
import { listEvents } from './domains/list-events';
import { meta } from './domains/meta';
import { workflows } from './domains/workflows';
import { webhookPayloads, webhooks } from './webhooks';

/** Every area of /api/v1, in the order the reference shows them. */
export const DOMAINS: DomainSpec[] = [activities, listEvents, events, contacts, endpoints, workflows, apiKeys, account, meta];

export const API_BASE = '/api/v1';

/** "/endpoints/[id]/retry" → "/endpoints/{id}/retry" (the app's folders → OpenAPI's templates). */
export const toOpenApiPath = (path: string) => path.replace(/\[(\w+)\]/g, '{$1}');

type Document = JsonSchema & { paths: Record<string, Record<string, JsonSchema>>; webhooks: Record<string, JsonSchema>; components: JsonSchema };

function content(converter: SchemaConverter, body: NonNullable<ResponseSpec['body']>, io: 'input' | 'output') {
  return { 'application/json': { schema: converter.convert(body.schema, io), ...(body.examples ? { examples: body.examples } : {}) } };
}

function operation(converter: SchemaConverter, tag: string, op: OperationSpec): JsonSchema {
  const parameters: JsonSchema[] = [];
  for (const [name, description] of Object.entries(op.pathParams ?? {})) {
    parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string', format: 'uuid' } });
  }
  if (op.query) {
    const q = converter.convert(op.query, 'input');
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    responses[status] = { description: r.description, ...(r.headers ? { headers: r.headers } : {}), ...(r.body ? { content: content(converter, r.body, 'output') } : {}) };
  }
  for (const code of [...(op.public ? [] : (['unauthorized'] as const)), ...op.errors]) {
    const name = errorResponseName(code);
    const examples = code === 'unauthorized' ? undefined : op.errorExamples?.[code];
    // With examples of its own, the answer is written out (same description and schema as the shared one).
    responses[name.slice('Error'.length)] = examples
      ? { description: ERROR_ANSWERS[code].description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples } } }
      : { $ref: `#/components/responses/${name}` };
  }
  return {
    operationId: op.operationId,
    tags: [tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.public ? { security: [] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, ...(op.body.description ? { description: op.body.description } : {}), content: content(converter, op.body, 'input') } } : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
  };
}

export function buildOpenApiDocument(domains: DomainSpec[] = DOMAINS): Document {
  const converter = new SchemaConverter();
  converter.name('Error', errorBodySchema);
  for (const d of domains) {
    for (const [name, schema] of Object.entries(d.schemas ?? {})) converter.name(name, schema, 'output');
    for (const [name, schema] of Object.entries(d.inputSchemas ?? {})) converter.name(name, schema, 'input');
  }
  for (const [name, schema] of Object.entries(webhookPayloads.schemas)) converter.name(name, schema);
  converter.defineNamed();

  const paths: Document['paths'] = {};
  for (const d of domains) {
    for (const [path, methods] of Object.entries(d.paths)) {
      const item = (paths[toOpenApiPath(path)] ??= {});
      for (const [method, op] of Object.entries(methods) as [Method, OperationSpec][]) item[method] = operation(converter, d.tag.name, op);
    }
  }

  const responses: Record<string, unknown> = {};
  for (const [code, answer] of Object.entries(ERROR_ANSWERS) as [keyof typeof ERROR_ANSWERS, (typeof ERROR_ANSWERS)[keyof typeof ERROR_ANSWERS]][]) {
    responses[errorResponseName(code)] = {
      description: answer.description,
      ...(code === 'unauthorized' ? { headers: { 'WWW-Authenticate': { description: 'Always `Bearer`.', schema: { type: 'string', const: 'Bearer' } } } } : {}),
      ...(code === 'rate_limited' ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer', minimum: 0 } } } } : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: answer.example } } },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Hookline API',
      version: '1',
      summary: 'The machine API of a self-hosted webhook hub, and the webhooks it sends.',
      description: [
        'Every request carries an account API key (Settings → API keys): `Authorization: Bearer hk_…`. A key acts for its account only.',
        '',
        `Bodies are JSON (\`Content-Type: application/json\`, at most ${Math.round(MAX_JSON_BODY_BYTES / 1024)} KiB). Errors answer \`{ "error": { "code", "message", "fields"? } }\`; \`fields\` maps each field path to its messages.`,
        '',
        'The `webhooks` section describes what Hookline sends to your endpoints (Data export, Laboratory, event webhooks), signed per Standard Webhooks (https://www.standardwebhooks.com).',
      ].join('\n'),
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: API_BASE, description: 'This Hookline' }],
    security: [{ ApiKey: [] }],
    tags: [...domains.map((d) => d.tag), ...webhookPayloads.tags],
    paths,
    webhooks: webhooks(converter),
    components: {
      securitySchemes: {
        ApiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'hk_…', description: 'An account API key, created under Settings → API keys (shown once).' },
      },
      schemas: Object.fromEntries(Object.entries(converter.components).sort(([a], [b]) => a.localeCompare(b))),
      responses,
    },
  };
}

let built: Document | undefined;
/** The document of this build (cached: it depends only on the code). */
export function openApiDocument(): Document {
  return (built ??= buildOpenApiDocument());
}
