// Batch bodies (activities, custom events, list events): one object or a non-empty array of at most
// `max`, always answered as an array. One rule for all three ingest routes:
// - more than `max` items → 413 before any item is validated (a huge batch costs no validation);
// - an invalid item → 422 with the path the sender used: `email` for one object, `2.email` in an array;
// - a body that is neither → 422 "Must be an activity object or an array of them".
// The body itself goes through readJson (1 MiB, content type, depth, unstorable strings).
import { z } from 'zod';
import { ApiError, readJson } from './errors';

export type Batch<T extends z.ZodType> = {
  item: T;
  max: number;
  /** Singular and plural, for messages: ['activity', 'activities']. */
  noun: readonly [string, string];
  /** Answer the sender's own objects rather than zod's copies (keeps key order and unknown fields
   *  exactly; only right when `item` never transforms a value). */
  keepInput?: boolean;
};

const article = (noun: string) => (/^[aeiou]/i.test(noun) ? 'an' : 'a');

/** The zod schema of a batch body, for the reader below and for tests and scripts. */
export function batchSchema<T extends z.ZodType>({ item, max, noun: [one, many], keepInput = false }: Batch<T>) {
  const notABatch = `Must be ${article(one)} ${one} object or an array of them`;
  const array = z
    .array(z.unknown())
    .min(1, `Send at least one ${one}`)
    .max(max, `At most ${max} ${many} per request; split the batch`)
    .pipe(z.array(item));
  return z.unknown().transform((body, ctx): z.output<T>[] => {
    const isArray = Array.isArray(body);
    const result = isArray ? array.safeParse(body) : item.safeParse(body);
    if (!result.success) {
      for (const issue of result.error.issues) {
        // A bare non-object body: say that an array would also have done.
        ctx.issues.push((issue.path.length === 0 && !isArray ? { ...issue, message: notABatch } : issue) as z.core.$ZodRawIssue);
      }
      return z.NEVER;
    }
    if (keepInput) return (isArray ? body : [body]) as z.output<T>[];
    return isArray ? (result.data as z.output<T>[]) : [result.data as z.output<T>];
  });
}

/** Reads and validates a batch body (see the module comment for the answers). */
export async function readBatch<T extends z.ZodType>(req: Request, batch: Batch<T>): Promise<z.output<T>[]> {
  const raw = await readJson(req);
  if (Array.isArray(raw) && raw.length > batch.max) {
    throw new ApiError('payload_too_large', `At most ${batch.max} ${batch.noun[1]} per request (got ${raw.length}); split the batch`);
  }
  return batchSchema(batch).parse(raw);
}
