// "Send test": one request to the endpoint right away (not queued), with the endpoint's headers, auth
// and signature, exactly as a delivery would go; logged as an attempt marked as a test.
import { randomUUID } from 'node:crypto';
import { pool } from '@/lib/db';
import { tenantDb } from '@/lib/db/tenant';
import { ApiError, notFound } from '@/lib/http/errors';
import { encryptSecret } from '@/lib/crypto/secrets';
import type { Endpoint } from '@/lib/generated/prisma/client';
import { auditKind, headersToStore } from './service';
import { openHeaders } from '@/lib/crypto/headers';
import { sendRequest } from '@/lib/http/outbound';
import { buildDeliveryRequest } from '@/lib/delivery/request';
import { maskHeaders } from '@/lib/http/mask';
import type { SendTestInput, TestResult, TestSettings } from './send-test-schema';
import { recordAuditAlone } from '@/lib/audit/service';

/** The stored endpoint with the unsaved settings laid over it, resolved as updateEndpoint would. */
function withSettings(ep: Endpoint, settings: TestSettings | undefined): Endpoint {
  if (!settings) return ep;
  let authPasswordEnc: string | null = null;
  if (settings.auth) {
    if (settings.auth.password) authPasswordEnc = encryptSecret(settings.auth.password);
    else if (ep.authPasswordEnc) authPasswordEnc = ep.authPasswordEnc;
    else throw new ApiError('unprocessable_entity', 'Some fields are invalid', { 'settings.auth.password': ['Enter the password'] });
  }
  return {
    ...ep,
    url: settings.url,
    headers: headersToStore(settings.headers, openHeaders(ep.headers), 'settings.headers'),
    authLogin: settings.auth?.login ?? null,
    authPasswordEnc,
  };
}

export async function sendTest(accountId: string, endpointId: string, { body, settings }: SendTestInput): Promise<TestResult> {
  const stored = await tenantDb(accountId).endpoint.findUnique({ where: { id: endpointId } });
  if (!stored) throw notFound('Webhook');
  const ep = withSettings(stored, settings);
  const req = buildDeliveryRequest(ep, { webhookId: `test_${randomUUID()}`, body });
  const startedAt = new Date();
  const res = await sendRequest(req);
  const headers = maskHeaders(req.headers);
  await recordAuditAlone({ accountId, action: 'tested', target: { kind: auditKind(ep.kind), id: ep.id, name: ep.name } });
  await pool().query(
    `INSERT INTO attempts (account_id, endpoint_id, attempt_no, is_test, started_at, duration_ms, success, request_method, request_url,
       request_headers, request_body, response_status, response_headers, response_body, error_kind, error)
     VALUES ($1, $2, 1, true, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11::jsonb, $12, $13, $14)`,
    [
      accountId, ep.id, startedAt, Math.round(res.durationMs), res.ok, req.method, req.url, JSON.stringify(headers), body,
      res.status, res.status === null ? null : JSON.stringify(res.headers), res.status === null ? null : res.body,
      res.error?.kind ?? null, res.error?.message ?? (res.ok ? null : `HTTP ${res.status}`),
    ],
  );
  return {
    ok: res.ok,
    request: { method: req.method, url: req.url, headers, body },
    response: res.status === null ? null : { status: res.status, headers: res.headers, body: res.body, durationMs: Math.round(res.durationMs) },
    error: res.error ?? (res.ok ? null : { kind: 'http', message: `The server answered ${res.status}` }),
  };
}
