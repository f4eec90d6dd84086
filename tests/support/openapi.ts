// Validating JSON against the OpenAPI document (lib/openapi/document.ts) with Ajv's JSON Schema
// 2020-12 validator, the dialect OpenAPI 3.1 uses: the document is added whole, so the $refs to
// components.schemas resolve as they would for any client, and a schema is addressed by its JSON
// Pointer in the document (paths, webhooks or components).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const DOC_ID = 'urn:hookline:openapi';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// RFC 3339 date-time (with a zone) that is a real instant.
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i;

/** The formats the document may use; the test fails on any other (it would go unchecked). */
export const KNOWN_FORMATS = ['date-time', 'uuid'];

export function documentValidator(doc: object) {
  const ajv = new Ajv2020({ strictSchema: false, allowUnionTypes: true, allErrors: true, validateFormats: true });
  ajv.addFormat('uuid', UUID);
  ajv.addFormat('date-time', { validate: (v: string) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)) });
  ajv.addSchema({ ...structuredClone(doc), $id: DOC_ID });
  const cache = new Map<string, ValidateFunction>();
  /** A validator for the schema at this JSON Pointer path of the document. */
  return function at(...path: string[]): ValidateFunction {
    const pointer = '#/' + path.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
    let v = cache.get(pointer);
    if (!v) cache.set(pointer, (v = ajv.compile({ $ref: DOC_ID + pointer })));
    return v;
  };
}

export const describeErrors = (v: ValidateFunction) => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} (${e.schemaPath})`).join('; ');

/** The parsed document, walked by key in tests (its shape is what the tests assert, not a type). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tree = Record<string, any>;
