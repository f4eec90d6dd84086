'use client';
// The API reference: GET /api/v1/openapi.json rendered by Scalar (@scalar/api-reference-react), bundled
// with the app — no CDN, no fonts from elsewhere, no telemetry, and the CSP's connect-src 'self' keeps
// *Try it* on this origin. *Try it* authenticates with the key the user pastes into Scalar's
// authentication box; Hookline never prefills a key (only a hash of each is stored anyway).
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';

// Scalar is a browser-only (Vue) app: no server render.
const Reference = dynamic(() => import('./scalar-reference'), {
  ssr: false,
  loading: () => <div className="rounded-lg bg-white p-6 text-sm text-slate-500 ring-1 ring-slate-200">Loading the API reference…</div>,
});

export function ApiReferenceScreen() {
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            Every operation of <code className="rounded bg-slate-100 px-1 font-mono text-xs">/api/v1</code> and the webhooks Hookline sends, from{' '}
            <a href="/api/v1/openapi.json" className="text-indigo-700 underline">
              openapi.json
            </a>
            . To try a request, paste an API key into the Authentication box (create one under{' '}
            <Link href="/settings/api-keys" className="text-indigo-700 underline">
              API keys
            </Link>
            ).
          </>
        }
      />
      <div className="overflow-hidden rounded-lg bg-white ring-1 ring-slate-200" data-testid="api-reference">
        <Reference />
      </div>
    </>
  );
}
