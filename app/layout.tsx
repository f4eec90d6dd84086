import type { Metadata } from 'next';
import { Suspense, type ReactNode } from 'react';
import { headers } from 'next/headers';
import { Providers } from './providers';
import { RouteProgress } from '@/components/shell/route-progress';
import './globals.css';

// Every page renders per request, so Next can put the request's CSP nonce on its inline scripts
// (lib/http/security-headers.ts); a page prerendered at build time would carry none.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Hookline', template: '%s · Hookline' },
  description: 'Self-hosted webhook hub',
};

// zod 4 probes `new Function` the first time a schema is built, to compile fast parsers; under our CSP
// (no 'unsafe-eval') the probe is refused and reported as a violation. Its `jitless` setting skips the
// probe; it has to be in place before any schema module runs, hence this first script in <head>.
const ZOD_JITLESS = 'globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true});';

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en">
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_JITLESS }} />
      </head>
      <body>
        <Suspense fallback={null}>
          <RouteProgress />
        </Suspense>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
