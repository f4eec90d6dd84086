'use client';
import { useState } from 'react';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/components/ui/format';
import { ExportForm } from './export-form';
import { SecretDialog } from '@/components/ui/secret-dialog';
import { useExport, useRotateSecret } from './use-exports';

export function EditExport({ id }: { id: string }) {
  const endpoint = useExport(id);
  const rotate = useRotateSecret(id);
  const toast = useToast();
  const [secret, setSecret] = useState<{ value: string; until: string } | null>(null);

  if (endpoint.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (endpoint.isError) return <Banner tone="error" title="Could not load this export">{endpoint.error.message}</Banner>;

  const extra = (sendTest: () => void) => (
    <section className="border-t border-slate-200 py-5">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">Test and signing</h2>
          <p className="mt-0.5 text-sm text-slate-500">Send a test request now, or rotate the signing secret (the old one stays valid for 24 hours).</p>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" onClick={sendTest}>
            Send test
          </Button>
          <Button
            variant="secondary"
            size="sm"
            loading={rotate.isPending}
            onClick={async () => {
              try {
                const r = await rotate.mutateAsync();
                setSecret({ value: r.signingSecret, until: r.previousValidUntil });
              } catch (err) {
                toast((err as Error).message, 'error');
              }
            }}
          >
            Rotate signing secret
          </Button>
        </div>
      </div>
    </section>
  );

  return (
    <>
      <ExportForm endpoint={endpoint.data} extra={extra} />
      <SecretDialog
        secret={secret?.value ?? null}
        title="New signing secret"
        intro={`Requests are now signed with this secret, and with the previous ones until they expire (the one just replaced: ${formatDateTime(secret?.until)}).`}
        onClose={() => setSecret(null)}
      />
    </>
  );
}
