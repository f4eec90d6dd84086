'use client';
import { Banner } from '@/components/ui/banner';
import { Button } from '@/components/ui/button';
import { ExportForm } from './export-form';
import { RotateSecretButton } from '@/components/endpoints/rotate-secret-button';
import { VerifySignatures } from '@/components/endpoints/verify-signatures';
import { useExport } from './use-exports';

export function EditExport({ id }: { id: string }) {
  const endpoint = useExport(id);

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
          <RotateSecretButton endpointId={id} />
        </div>
      </div>
    </section>
  );

  return (
    <>
      <ExportForm endpoint={endpoint.data} extra={extra} />
      <div className="mt-6 max-w-3xl">
        <VerifySignatures target={{ name: endpoint.data.name, kind: 'export', format: endpoint.data.format }} />
      </div>
    </>
  );
}
