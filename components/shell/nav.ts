// The left navigation. Only pages that exist are listed; each issue that adds a screen adds it here.
export type NavSection = { title: string; items: { href: string; label: string; description?: string }[] };

export const NAV: NavSection[] = [
  {
    title: 'Settings',
    items: [
      { href: '/settings/laboratory', label: 'Laboratory', description: 'The account webhook: every activity, as JSON arrays, to one URL.' },
      { href: '/settings/data-export', label: 'Data export', description: 'Named webhook exports with auth, headers and status filters.' },
      { href: '/settings/api-keys', label: 'API keys', description: 'Keys for the ingest and public API (/api/v1).' },
    ],
  },
  {
    title: 'Automation',
    items: [{ href: '/automation/webhooks', label: 'Webhooks', description: 'One event type per webhook: email sends, opens, clicks, bounces, subscriptions …' }],
  },
];
