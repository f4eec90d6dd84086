'use client';
// "Rotate signing secret" for any endpoint that signs (Laboratory, exports): the new secret is shown
// once; the replaced ones keep signing until their own expiry (lib/endpoints/secrets.ts).
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '@/lib/http/client';
import { Button } from '@/components/ui/button';
import { SecretDialog } from '@/components/ui/secret-dialog';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/components/ui/format';

export function RotateSecretButton({ endpointId }: { endpointId: string }) {
  const rotate = useMutation({
    mutationFn: () => apiFetch<{ signingSecret: string; previousValidUntil: string }>(`/api/endpoints/${endpointId}/rotate-secret`, { method: 'POST' }),
  });
  const toast = useToast();
  const [secret, setSecret] = useState<{ value: string; until: string } | null>(null);
  return (
    <>
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
      <SecretDialog
        secret={secret?.value ?? null}
        title="New signing secret"
        intro={`Requests are now signed with this secret, and with the previous ones until they expire (the one just replaced: ${formatDateTime(secret?.until)}).`}
        onClose={() => setSecret(null)}
      />
    </>
  );
}
