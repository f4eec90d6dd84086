// Laboratory: the one account webhook (seed 000 "How to Configure Webhooks for Your Account"). Every
// activity of the account, in all statuses, POSTed as JSON arrays to one address. Saving with the
// webhook enabled first sends a GET to the address as a test; only a 2xx answer saves it.
import { ACTIVITY_STATUSES } from '@/lib/activities/schema';
import { sendRequest } from '@/lib/http/outbound';
import { createEndpoint, LaboratoryExistsError, listEndpoints, setEndpointActive, updateEndpoint } from './service';
import type { EndpointView } from './schema';
import type { Laboratory, LaboratorySaveResult, LaboratoryView } from './laboratory-schema';

export const LABORATORY_NAME = 'Laboratory';

/** The account's laboratory endpoint, if it has one (endpoints_one_laboratory: never two). */
async function findLaboratory(accountId: string): Promise<EndpointView | null> {
  const [endpoint] = await listEndpoints(accountId, 'laboratory');
  return endpoint ?? null;
}

function toLaboratory(e: EndpointView | null): LaboratoryView {
  return {
    enabled: e?.active ?? false,
    url: e?.url ?? null,
    endpointId: e?.id ?? null,
    state: e?.state ?? 'inactive',
    blockedSince: e?.blockedSince ?? null,
    lastSuccessAt: e?.lastSuccessAt ?? null,
    waiting: e?.waiting ?? 0,
  };
}

export async function getLaboratory(accountId: string): Promise<LaboratoryView> {
  return toLaboratory(await findLaboratory(accountId));
}

/**
 * Enabling (or saving the address while enabled) sends a GET to the address first: a 2xx saves and
 * activates the webhook; anything else changes nothing and is reported in `test`. Disabling sends no
 * test; the webhook keeps its address and its queue is held until it is enabled again.
 */
export async function saveLaboratory(accountId: string, input: Laboratory): Promise<LaboratorySaveResult> {
  const current = await findLaboratory(accountId);

  if (!input.enabled) {
    const laboratory = current?.active ? await setEndpointActive(accountId, current.id, false) : current;
    return { saved: true, test: null, laboratory: toLaboratory(laboratory) };
  }

  const res = await sendRequest({ method: 'GET', url: input.url, headers: {} });
  if (!res.ok || res.status === null) {
    const error = res.error ?? { kind: 'http', message: `The server answered ${res.status}` };
    return { saved: false, test: { ok: false, status: res.status, error, durationMs: res.durationMs }, laboratory: toLaboratory(current) };
  }

  const test = { ok: true as const, status: res.status, durationMs: res.durationMs };
  if (current) return { saved: true, test, laboratory: toLaboratory(await updateEndpoint(accountId, current.id, { url: input.url, active: true })) };
  try {
    const { endpoint, signingSecret } = await createLaboratory(accountId, input.url);
    return { saved: true, test, laboratory: toLaboratory(endpoint), signingSecret };
  } catch (err) {
    // A concurrent first save created it meanwhile (the unique index let one through): save onto that one.
    const created = err instanceof LaboratoryExistsError ? await findLaboratory(accountId) : null;
    if (!created) throw err;
    return { saved: true, test, laboratory: toLaboratory(await updateEndpoint(accountId, created.id, { url: input.url, active: true })) };
  }
}

function createLaboratory(accountId: string, url: string) {
  return createEndpoint(accountId, {
    kind: 'laboratory',
    name: LABORATORY_NAME,
    url,
    active: true,
    statuses: [...ACTIVITY_STATUSES],
    format: 'array',
    auth: null,
    headers: [],
  });
}
