// Examples of the document, taken from the seeds (/work/shared/seeds): the activity objects of the
// eSputnik / Yespo pages (lib/activities/demo-body.ts holds them with real-looking addresses) and the
// ExpertSender event objects of seed 004, verbatim. tests/openapi validates every example against
// its schema, so an example cannot drift from the contract.
import { DEMO_ACTIVITIES } from '@/lib/activities/demo-body';
import type { EventType } from '@/lib/event-webhooks/schema';

export const ACTIVITY_EXAMPLES = DEMO_ACTIVITIES;

/** Seed 004, "Returned data" of each event type (the seed writes «» for quotes; the values are these). */
export const EVENT_EXAMPLES: Record<EventType, Record<string, unknown>> = {
  EmailSends: { eventType: 'EmailSends', eventDate: '2024-05-08T13:41:52.4514466Z', messageId: 145413, subscriberId: 6552353, subscriberEmail: 'test@test.com' },
  EmailClicks: { eventType: 'EmailClicks', eventDate: '2024-05-10T09:30:00.8726192Z', messageId: 148000, subscriberId: 1, subscriberEmail: 'test@test.com' },
  EmailOpens: { eventType: 'EmailOpens', eventDate: '2024-05-10T13:28:23.2093755Z', messageId: 149211, subscriberId: 5823952, subscriberEmail: 'test@test.com' },
  EmailDeliveries: { eventType: 'EmailDeliveries', eventDate: '2024-05-09T10:29:36.8300628Z', messageId: 145413, subscriberId: 6552353, subscriberEmail: 'test@test.com' },
  EmailBounces: { eventType: 'EmailBounces', eventDate: '2024-05-09T09:33:29.6409191Z', messageId: 138876, subscriberId: 149448, subscriberEmail: 'test@test.com' },
  EmailComplaints: { eventType: 'EmailComplaints', eventDate: '2024-05-09T13:17:45.494757Z', messageId: 149141, subscriberId: 49858, subscriberEmail: 'test@test.com' },
  Subscriptions: { eventType: 'Subscriptions', eventDate: '2024-05-10T11:52:50.4969976Z', listId: 7477, subscriberId: 6552356, subscriberEmail: 'test@test.com' },
  Confirmations: { eventType: 'Confirmations', eventDate: '2024-05-13T11:21:12.1358311Z', messageId: 149212, subscriberId: 5823952, subscriberEmail: 'test@test.com', listId: 7480 },
  Unsubscriptions: { eventType: 'Unsubscriptions', eventDate: '2024-05-10T12:58:06.2247049Z', listId: 7468, subscriberId: 4723542, subscriberEmail: 'test@test.com' },
};

/** A contact as the API answers it, with the first seed activity's contact details. */
export const CONTACT_EXAMPLE = {
  id: '0f3c2a5e-8d1b-4c7a-9e2f-3b4d5c6e7f80',
  email: 'olena.kovalenko@example.com',
  phone: '+380501234567',
  externalCustomerId: '789456512',
  firstName: 'Olena',
  lastName: 'Kovalenko',
  fields: { TOWN: 'Kyiv', BIRTHDAY: '1990-04-12' },
  createdAt: '2026-11-20T10:00:00.000Z',
};

export const ENDPOINT_EXAMPLE = {
  id: '5b9e1c2d-3f4a-4b5c-8d6e-7f8091a2b3c4',
  kind: 'export',
  name: 'CRM feed',
  url: 'https://crm.example.com/hookline',
  active: true,
  statuses: ['DELIVERED', 'READ', 'CLICKED'],
  format: 'array',
  auth: { login: 'hookline', passwordSet: true },
  headers: [{ name: 'X-Source', value: 'hookline' }],
  state: 'active',
  blockedSince: null,
  waiting: 0,
  lastSuccessAt: '2026-11-20T10:00:05.120Z',
  nextAttemptAt: null,
  lastError: null,
  createdAt: '2026-11-01T09:00:00.000Z',
};

export const API_KEY_EXAMPLE = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  name: 'CRM sync',
  prefix: 'hk_Qm3xZ1',
  createdAt: '2026-11-01T09:00:00.000Z',
  lastUsedAt: '2026-11-20T10:00:00.000Z',
  revokedAt: null,
};

/** seed 003's example of a custom event source: sourceEventTypeKey "subscribeFromApi". */
export const EVENT_VIEW_EXAMPLE = {
  id: '1042',
  eventTypeKey: 'subscribeFromApi',
  keyValue: '1258810400',
  params: { email: 'test@gmail.com', firstName: 'Olena', listId: 7477 },
  receivedAt: '2026-11-20T10:00:00.000Z',
};

// Seed 001, "Webhooks in workflows": a webhook block sends the request webhook WH5, finding the contact
// by Contact Email = ${email} (the triggering event's email param); the message then reads the promo
// code WH5 answered with as $data.get('WH5').get('promocode'). The trigger is seed 003's subscribeFromApi.
/** The request webhook "WH5" (Automation → Workflow webhooks). tests/openapi swaps in a real one. */
export const WH5_WEBHOOK_ID = '3d6f0b2a-8c4e-4f1a-9b7d-2e5c8a0f6d13';

export const WORKFLOW_INPUT_EXAMPLE = {
  name: 'Promo code for new subscribers',
  trigger: { eventTypeKey: 'subscribeFromApi', filter: null },
  blocks: [
    { id: 'e_e9e90420db06b64c157440cd60d0b73d', kind: 'webhook', webhookId: WH5_WEBHOOK_ID, email: '${email}' },
    {
      id: 'e_4b1f0c9a2d8e47c3a6b5f0e1d2c3b4a5',
      kind: 'message',
      channel: 'email',
      subject: 'Your promo code',
      body: "<p>Thank you for subscribing! Your promo code: <b>$data.get('WH5').get('promocode')</b></p>",
    },
  ],
};

export const WORKFLOW_EXAMPLE = {
  id: '7c2e9a41-5b3d-4f8e-a1c6-0d9b8e7f6a52',
  name: WORKFLOW_INPUT_EXAMPLE.name,
  active: true,
  version: 1,
  trigger: WORKFLOW_INPUT_EXAMPLE.trigger,
  blocks: [
    { ...WORKFLOW_INPUT_EXAMPLE.blocks[0], contactId: '', phone: '', timeoutMs: 10000, onFailure: 'stop' },
    WORKFLOW_INPUT_EXAMPLE.blocks[1],
  ],
  problems: [],
  stats: { runs24h: 12, failures24h: 1, inProgress: 0, lastRunAt: '2026-11-20T10:00:00.412Z' },
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
};

const PROMO = { promocode: 'WELCOME-5H2K' };

export const WORKFLOW_RUN_EXAMPLE = {
  id: 'e4a1b7c3-2f9d-4e6a-8b5c-1d0f3a2e9b87',
  workflowId: WORKFLOW_EXAMPLE.id,
  workflowName: WORKFLOW_EXAMPLE.name,
  version: 1,
  status: 'completed',
  reason: null,
  eventId: EVENT_VIEW_EXAMPLE.id,
  eventTypeKey: 'subscribeFromApi',
  eventKey: EVENT_VIEW_EXAMPLE.keyValue,
  contactId: '0f3c2a5e-8d1b-4c7a-9e2f-3b4d5c6e7f80',
  contactEmail: 'test@gmail.com',
  step: 1,
  startedAt: '2026-11-20T10:00:00.412Z',
  finishedAt: '2026-11-20T10:00:00.871Z',
  dueAt: null,
  durationMs: 459,
};

export const WORKFLOW_RUN_DETAIL_EXAMPLE = {
  ...WORKFLOW_RUN_EXAMPLE,
  eventParams: EVENT_VIEW_EXAMPLE.params,
  data: { WH5: PROMO },
  steps: [
    {
      id: '88001',
      blockId: WORKFLOW_INPUT_EXAMPLE.blocks[0].id,
      blockIndex: 0,
      kind: 'webhook',
      status: 'completed',
      try: 1,
      startedAt: '2026-11-20T10:00:00.420Z',
      durationMs: 312,
      request: { method: 'GET', url: 'https://promo.example.com/codes?email=test%40gmail.com', headers: { Authorization: '••••••' }, body: null },
      response: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(PROMO), durationMs: 305 },
      dataAdded: { WH5: PROMO },
      message: null,
      error: null,
      attemptId: '53120',
    },
    {
      id: '88002',
      blockId: WORKFLOW_INPUT_EXAMPLE.blocks[1].id,
      blockIndex: 1,
      kind: 'message',
      status: 'completed',
      try: 1,
      startedAt: '2026-11-20T10:00:00.760Z',
      durationMs: 111,
      request: null,
      response: null,
      dataAdded: null,
      message: {
        channel: 'email',
        subject: 'Your promo code',
        body: `<p>Thank you for subscribing! Your promo code: <b>${PROMO.promocode}</b></p>`,
        messageId: '149212',
        messageInstanceId: '88002',
      },
      error: null,
      attemptId: null,
    },
  ],
};
