// A batch body in the document: one item or a non-empty array of at most `max`, from the same Batch
// the route reads with (lib/http/batch.ts).
import { z } from 'zod';
import type { Batch } from '@/lib/http/batch';
import type { BodySpec, Example } from './define';

export function batchBody<T extends z.ZodType>({ item, max, noun }: Batch<T>, examples: Record<string, Example>): BodySpec {
  return {
    schema: z.union([item, z.array(item).min(1).max(max)]),
    description: `One ${noun[0]} or an array of 1 to ${max} ${noun[1]}.`,
    examples,
  };
}
