// The OpenAPI 3.1 document of /api/v1 and of the webhooks Hookline sends (lib/openapi/document.ts).
// Public: it describes the code, not an account. Cacheable: it changes only with a new build.
import { withPublic } from '@/lib/auth/route';
import { openApiDocument } from '@/lib/openapi/document';

export const GET = withPublic(async () =>
  Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' } }),
);
