// The left navigation. Only pages that exist are listed; each issue that adds a screen adds it here.
export type NavSection = { title: string; items: { href: string; label: string; description?: string }[] };

export const NAV: NavSection[] = [
  {
    title: 'Settings',
    items: [
      { href: '/settings/laboratory', label: 'Laboratory', description: 'The account webhook: every activity, as JSON arrays, to one URL.' },
      { href: '/settings/data-export', label: 'Data export', description: 'Named webhook exports with auth, headers and status filters.' },
      { href: '/settings/api-keys', label: 'API keys', description: 'Keys for the ingest and public API (/api/v1).' },
      { href: '/settings/api-reference', label: 'API reference', description: 'Every /api/v1 operation and the webhooks Hookline sends; try them with your key.' },
      { href: '/settings/sessions', label: 'Sessions', description: 'The browsers signed in as you; sign out one or everywhere.' },
    ],
  },
  {
    title: 'Automation',
    items: [
      { href: '/automation/workflows', label: 'Workflows', description: 'An event starts a chain of Webhook, Message and Delay blocks for its contact.' },
      { href: '/automation/runs', label: 'Launch history', description: 'Every workflow run: its contact, each block’s request, answer and message, failures and re-runs.' },
      { href: '/automation/webhooks', label: 'Webhooks', description: 'One event type per webhook: email sends, opens, clicks, bounces, subscriptions …' },
      { href: '/automation/request-webhooks', label: 'Workflow webhooks', description: 'Requests workflow blocks send with contact and event data.' },
      { href: '/automation/connectors', label: 'Connectors', description: 'Basic, Bearer token and API key authentication for workflow webhooks.' },
    ],
  },
  {
    title: 'Audit',
    items: [
      { href: '/audit/webhook-logs', label: 'Webhook logs', description: 'Failed delivery attempts with the server’s answer and the payload; replay and export.' },
      { href: '/audit/account-activity', label: 'Account activity', description: 'Who changed which webhook, export or connector, rotated which secret, and who signed in.' },
    ],
  },
  {
    title: 'Data',
    items: [
      { href: '/contacts', label: 'Contacts', description: 'Contact cards (email, phone, TOWN and other fields) and segments such as TOWN = Kyiv.' },
      { href: '/events', label: 'Events', description: 'Custom events received through /api/v1/events (productViewed, subscribeFromApi …).' },
    ],
  },
];
