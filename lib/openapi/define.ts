// The OpenAPI 3.1 document is assembled from per-domain operation definitions (lib/openapi/domains/*.ts)
// whose schemas are the zod schemas the route handlers validate with (requests) and the views they
// answer with (responses), turned into JSON Schema 2020-12 by zod 4's own z.toJSONSchema — the
// dialect OpenAPI 3.1 uses, so no translation layer. This file holds the small vocabulary a domain
// file writes in (DomainSpec, OperationSpec) and the converter; lib/openapi/document.ts assembles.
import { z } from 'zod';
import { errorStatus, type ErrorCode } from '@/lib/http/errors';

export type JsonSchema = Record<string, unknown>;
export type Example = { summary: string; value: unknown };
type Examples = Record<string, Example>;

/** A JSON body: the zod schema and, optionally, named examples (every one is validated by tests/openapi). */
export type BodySpec = { schema: z.ZodType; description?: string; examples?: Examples };

export type ResponseSpec = {
  description: string;
  /** No schema: an empty answer (204). */
  body?: BodySpec;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
};

/** Error answers, by the code lib/http/errors.ts answers with. */
export type ErrorAnswer = Exclude<ErrorCode, 'internal_error' | 'unavailable'>;

export type OperationSpec = {
  operationId: string;
  summary: string;
  description?: string;
  /** Path parameters: name → description (every one is a UUID: lib/auth/route.ts answers 404 to any other). */
  pathParams?: Record<string, string>;
  /** The query schema the handler parses (an object, or an object piped into a transform). */
  query?: z.ZodType;
  body?: BodySpec;
  responses: Record<number, ResponseSpec>;
  /** Error answers the operation can give besides 401 (which every operation can). */
  errors: ErrorAnswer[];
  /** Examples of this operation's own error answers (the `fields` a 422 names …); the schema stays Error. */
  errorExamples?: Partial<Record<ErrorAnswer, Examples>>;
  /** No API key needed (the document itself): no security requirement and no 401. */
  public?: boolean;
};

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One domain's share of the document: its tag, its operations by API path, its named schemas. */
export type DomainSpec = {
  tag: { name: string; description: string };
  /** Paths relative to /api/v1, in the app's [id] notation ("/endpoints/[id]/retry"). */
  paths: Record<string, Partial<Record<Method, OperationSpec>>>;
  /** Answer schemas that get a name in components.schemas (and a $ref wherever an answer has them). */
  schemas?: Record<string, z.ZodType>;
  /** Request schemas that get a name (documented as clients send them: before defaults and transforms). */
  inputSchemas?: Record<string, z.ZodType>;
};

/**
 * Converts zod schemas to JSON Schema for one document: named schemas become $refs to
 * components.schemas, and the $defs zod makes for recursive types (JSON values) are hoisted there too,
 * because inside an OpenAPI document "#/$defs/…" would point at the document's root.
 */
export class SchemaConverter {
  private readonly names = new Map<z.ZodType, { name: string; io: 'input' | 'output' | 'both' }>();
  private refs = true;
  private readonly hoisted = new Map<string, string>(); // JSON of a $defs entry → its component name
  readonly components: Record<string, JsonSchema> = {};

  /** A named schema is a $ref only where it is converted with the same `io` it was named for. */
  name(name: string, schema: z.ZodType, io: 'input' | 'output' = 'output'): void {
    const known = this.names.get(schema);
    if (known) throw new Error(`One schema, two names: ${known.name} and ${name}`);
    if ([...this.names.values()].some((n) => n.name === name)) throw new Error(`Two schemas named ${name}`);
    this.names.set(schema, { name, io });
  }

  /** The named schemas' own definitions; call once every domain has named its schemas. */
  defineNamed(): void {
    // A schema that reads the same as input and as output (no defaults, transforms or stripped keys:
    // the activity object) is one component for requests and answers alike.
    this.refs = false;
    for (const [schema, named] of this.names) {
      if (JSON.stringify(this.convert(schema, 'input')) === JSON.stringify(this.convert(schema, 'output'))) named.io = 'both';
    }
    this.refs = true;
    for (const [schema, { name, io }] of this.names) this.components[name] = this.convert(schema, io === 'both' ? 'output' : io, schema);
  }

  /** `io: 'input'` for what clients send (before defaults and transforms), 'output' for answers. */
  convert(schema: z.ZodType, io: 'input' | 'output', self?: z.ZodType): JsonSchema {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      // A transform's output or a refinement has no JSON Schema; its input side is documented.
      unrepresentable: 'any',
      override: (ctx) => {
        const zodSchema = ctx.zodSchema as unknown as z.ZodType;
        const named = this.names.get(zodSchema);
        if (!this.refs || !named || (named.io !== io && named.io !== 'both') || zodSchema === self) return;
        const target = ctx.jsonSchema as JsonSchema;
        for (const key of Object.keys(target)) delete target[key];
        target.$ref = `#/components/schemas/${named.name}`;
      },
    }) as JsonSchema;
    delete json.$schema;
    return this.hoist(json);
  }

  private hoist(json: JsonSchema): JsonSchema {
    const defs = json.$defs as Record<string, JsonSchema> | undefined;
    if (!defs) return json;
    delete json.$defs;
    const renamed: Record<string, string> = {};
    const anyJson = new Set<string>();
    for (const [key, def] of Object.entries(defs)) {
      // zod's recursive JSON value accepts exactly what the empty schema accepts in a JSON document;
      // written as {} it stays usable by type generators (openapi-typescript cannot name the recursion).
      if (isJsonValue(def, key)) {
        anyJson.add(key);
        continue;
      }
      // Recursive defs refer to themselves: compare them with their own key neutralised.
      const text = JSON.stringify(def).replaceAll(`"#/$defs/${key}"`, '"#self"');
      let name = this.hoisted.get(text);
      if (!name) {
        name = `Schema${this.hoisted.size + 1}`;
        this.hoisted.set(text, name);
        this.components[name] = def;
      }
      renamed[key] = name;
    }
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (value && typeof value === 'object') {
        const ref = (value as JsonSchema).$ref;
        const local = typeof ref === 'string' ? /^#\/\$defs\/(.+)$/.exec(ref) : null;
        if (local && anyJson.has(local[1])) return { description: 'Any JSON value.' };
        const out: JsonSchema = {};
        for (const [k, v] of Object.entries(value)) {
          const m = k === '$ref' && typeof v === 'string' ? /^#\/\$defs\/(.+)$/.exec(v) : null;
          out[k] = m ? `#/components/schemas/${renamed[m[1]]}` : rewrite(v);
        }
        return out;
      }
      return value;
    };
    for (const name of new Set(Object.values(renamed))) this.components[name] = rewrite(this.components[name]) as JsonSchema;
    return rewrite(json) as JsonSchema;
  }
}

/** zod's z.json(): any JSON value, recursively. */
function isJsonValue(def: JsonSchema, key: string): boolean {
  const anyOf = def.anyOf as JsonSchema[] | undefined;
  return Array.isArray(anyOf) && anyOf.length === 6 && JSON.stringify(anyOf).includes(`#/$defs/${key}`) && anyOf.some((s) => s.type === 'null');
}

/** The shared error answers (components.responses), one per status the API answers with. */
export const ERROR_ANSWERS: Record<ErrorAnswer | 'unauthorized', { description: string; example: { code: string; message: string; fields?: Record<string, string[]> } }> = {
  bad_request: { description: 'The body is not valid JSON.', example: { code: 'bad_request', message: 'The request body is not valid JSON' } },
  unauthorized: {
    description: 'No API key, or a revoked or unknown one. The answer carries `WWW-Authenticate: Bearer`.',
    example: { code: 'unauthorized', message: 'Send an API key: Authorization: Bearer <key>' },
  },
  forbidden: { description: 'Refused for this caller.', example: { code: 'forbidden', message: 'Cross-origin request refused' } },
  not_found: { description: 'No such resource in the key’s account (an id that is not a UUID is a 404 too).', example: { code: 'not_found', message: 'Resource not found' } },
  conflict: {
    description: 'The change clashes with the account’s current state (a name taken, an endpoint not active …); `fields` names the field when one is at fault.',
    example: { code: 'conflict', message: 'A webhook named “CRM feed” already exists', fields: { name: ['A webhook named “CRM feed” already exists'] } },
  },
  payload_too_large: {
    description: 'The body is larger than 1 MiB, or a batch has more items than allowed (1,000); nothing of it was stored.',
    example: { code: 'payload_too_large', message: 'At most 1000 activities per request (got 1001); split the batch' },
  },
  unsupported_media_type: {
    description: 'The body was not declared as JSON.',
    example: { code: 'unsupported_media_type', message: 'Send the body as JSON with Content-Type: application/json' },
  },
  unprocessable_entity: {
    description:
      'Some fields are invalid: `fields` maps each field path to its messages. In a batch the path starts with the item’s index (`2.activityStatus`); `_` is the body itself.',
    example: { code: 'unprocessable_entity', message: 'Some fields are invalid', fields: { '2.activityStatus': ['Must be one of SENT, DELIVERED, UNDELIVERED, READ, CLICKED, UNSUBSCRIBED, SPAM, SUBSCRIPTION_CHANGED'] } },
  },
  rate_limited: {
    description:
      'Too many requests; wait for the `Retry-After` seconds. The /api/v1 routes set no limit of their own today (only sign-in does), but a proxy in front of Hookline may answer so.',
    example: { code: 'rate_limited', message: 'Too many requests. Try again in 30 seconds.' },
  },
};

export const errorResponseName = (code: keyof typeof ERROR_ANSWERS) => `Error${errorStatus(code)}`;
