// The ingest request's rules in one place: ≤ 1 MiB and ≤ 1,000 objects (413 beyond), every object
// valid (422 naming index and field), all or nothing.
import { readJson, ApiError } from '@/lib/http/errors';
import { ingestBodySchema, MAX_ACTIVITIES_PER_REQUEST, type Activity } from './schema';

export const MAX_INGEST_BYTES = 1024 * 1024;

export async function readIngestBody(req: Request): Promise<Activity[]> {
  const raw = await readJson(req, MAX_INGEST_BYTES);
  if (Array.isArray(raw) && raw.length > MAX_ACTIVITIES_PER_REQUEST) {
    throw new ApiError('payload_too_large', `At most ${MAX_ACTIVITIES_PER_REQUEST} activities per request (got ${raw.length}); split the batch`);
  }
  return ingestBodySchema.parse(raw);
}
