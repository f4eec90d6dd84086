import type { Metadata } from 'next';
import { Suspense, type ReactNode } from 'react';
import { Providers } from './providers';
import { RouteProgress } from '@/components/shell/route-progress';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Hookline', template: '%s · Hookline' },
  description: 'Self-hosted webhook hub',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Suspense fallback={null}>
          <RouteProgress />
        </Suspense>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
