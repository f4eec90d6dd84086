// The left navigation. Only pages that exist are listed; each issue that adds a screen adds it here.
export type NavSection = { title: string; items: { href: string; label: string; description?: string }[] };

export const NAV: NavSection[] = [
  {
    title: 'Settings',
    items: [{ href: '/settings/api-keys', label: 'API keys', description: 'Keys for the ingest and public API (/api/v1).' }],
  },
];
