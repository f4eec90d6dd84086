'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { createApiKeySchema, type ApiKeyView, type CreateApiKeyInput } from '@/lib/api-keys/schema';
import { applyFieldErrors } from '@/lib/http/client';
import { PageHeader } from '@/components/ui/page-header';
import { QueryTable, EmptyState } from '@/components/ui/query-table';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { Dialog } from '@/components/ui/dialog';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { Banner } from '@/components/ui/banner';
import { CopyButton } from '@/components/ui/copy-button';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/components/ui/format';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from './use-api-keys';

export function ApiKeysScreen() {
  const keys = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Send <code className="rounded bg-slate-100 px-1 font-mono text-xs">Authorization: Bearer &lt;key&gt;</code> to the ingest and public API
            under <code className="rounded bg-slate-100 px-1 font-mono text-xs">/api/v1</code>. A key is shown once, when it is created.
          </>
        }
        actions={
          <>
            <Button onClick={() => setCreating(true)}>New API key</Button>
            <ButtonLink href="/settings/api-reference" variant="secondary">
              API reference
            </ButtonLink>
          </>
        }
      />
      <QueryTable
        query={keys}
        what="API keys"
        columns={['Name', 'Key', 'Created', 'Last used', 'Status', '']}
        empty={
          <EmptyState title="No API keys yet" action={<Button onClick={() => setCreating(true)}>New API key</Button>}>
            Create one to push activities into Hookline or read them back.
          </EmptyState>
        }
      >
        {(rows) =>
          rows.map((k) => (
                <tr key={k.id} className={k.revokedAt ? 'text-slate-400' : ''}>
                  <td className="px-4 py-3 font-medium">{k.name}</td>
                  <td className="px-4 py-3 font-mono text-xs">{k.prefix}…</td>
                  <td className="px-4 py-3">{formatDateTime(k.createdAt)}</td>
                  <td className="px-4 py-3">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'Never'}</td>
                  <td className="px-4 py-3">
                    {k.revokedAt ? (
                      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-500">Revoked</span>
                    ) : (
                      <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-700">Active</span>
                    )}
                  </td>
                  <td className="px-4 py-3 text-right">
                    {!k.revokedAt && (
                      <Button variant="ghost" size="sm" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
          ))
        }
      </QueryTable>
      <CreateKeyDialog open={creating} onClose={() => setCreating(false)} />
      <RevokeKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

function CreateKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateApiKey();
  const [created, setCreated] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<CreateApiKeyInput>({ resolver: zodResolver(createApiKeySchema), defaultValues: { name: '' } });

  const close = () => {
    setCreated(null);
    reset();
    create.reset();
    onClose();
  };
  const onSubmit = handleSubmit(async (values) => {
    try {
      const result = await create.mutateAsync(values);
      setCreated(result.key);
    } catch (err) {
      applyFieldErrors(err, setError);
    }
  });

  return (
    <Dialog
      open={open}
      onClose={close}
      title={created ? 'Copy your new API key' : 'New API key'}
      footer={
        created ? (
          <Button onClick={close}>Done</Button>
        ) : (
          <>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" form="create-key" loading={create.isPending}>
              Create key
            </Button>
          </>
        )
      }
    >
      {created ? (
        <div className="space-y-3">
          <Banner tone="warning">This is the only time the key is shown. Store it somewhere safe.</Banner>
          <div className="flex items-center gap-2">
            <code data-testid="new-api-key" className="min-w-0 flex-1 truncate rounded-md bg-slate-100 px-3 py-2 font-mono text-xs">
              {created}
            </code>
            <CopyButton text={created} />
          </div>
        </div>
      ) : (
        <form id="create-key" onSubmit={onSubmit} noValidate className="space-y-3">
          {create.isError && !errors.name && <Banner tone="error">{create.error.message}</Banner>}
          <TextField label="Name" placeholder="e.g. Production sender" error={errors.name?.message} {...register('name')} />
        </form>
      )}
    </Dialog>
  );
}

function RevokeKeyDialog({ apiKey, onClose }: { apiKey: ApiKeyView | null; onClose: () => void }) {
  const revoke = useRevokeApiKey();
  const toast = useToast();
  return (
    <ConfirmDialog
      open={apiKey !== null}
      title="Revoke API key?"
      description={apiKey && <>Requests with “{apiKey.name}” ({apiKey.prefix}…) will be refused at once. This cannot be undone.</>}
      confirmLabel="Revoke key"
      danger
      loading={revoke.isPending}
      onConfirm={async () => {
        if (!apiKey) return;
        try {
          await revoke.mutateAsync(apiKey.id);
          toast(`API key “${apiKey.name}” revoked`);
          onClose();
        } catch (err) {
          toast((err as Error).message, 'error');
        }
      }}
      onClose={onClose}
    />
  );
}
