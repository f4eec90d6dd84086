// Limits every JSON request body shares, in one place. Browser-safe: the send-test dialog checks the
// same byte limit before sending.

/** Largest JSON request body (ingest batches, send-test bodies, forms): 1 MiB. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** Deepest nesting of objects and arrays in a request body. Far beyond any real payload, far below
 *  what would exhaust the stack in JSON.parse, zod, Prisma or the template renderer. */
export const MAX_JSON_DEPTH = 32;
