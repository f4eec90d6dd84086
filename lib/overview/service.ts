// The home page's overview, for one account: the webhooks failing now (with their last error and the
// work waiting behind them) and how far a new account has come (Laboratory URL, an export, the first
// activity received). The 24-hour chart is the Webhook logs' own (lib/logs logChart).
import { tenantDb } from '@/lib/db/tenant';
import { endpointViews } from '@/lib/endpoints/service';
import type { EndpointView } from '@/lib/endpoints/schema';

export type Overview = {
  failing: EndpointView[];
  setup: { laboratoryUrl: boolean; export: boolean; activityReceived: boolean; apiKey: boolean };
};

export async function getOverview(accountId: string): Promise<Overview> {
  const t = tenantDb(accountId);
  const [blocked, laboratory, exports, apiKeys, activity] = await Promise.all([
    t.endpoint.findMany({ where: { active: true, blockedSince: { not: null } }, orderBy: { blockedSince: 'asc' } }),
    t.endpoint.count({ where: { kind: 'laboratory' } }),
    t.endpoint.count({ where: { kind: 'export' } }),
    t.apiKey.count({ where: { revokedAt: null } }),
    // One row is enough to know; the (account_id, occurred_at, id) index answers it.
    t.activity.findFirst({ select: { id: true } }),
  ]);
  return {
    failing: await endpointViews(blocked),
    setup: { laboratoryUrl: laboratory > 0, export: exports > 0, activityReceived: activity !== null, apiKey: apiKeys > 0 },
  };
}
