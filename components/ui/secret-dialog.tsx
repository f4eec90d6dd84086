'use client';
import { Dialog } from './dialog';
import { Button } from './button';
import { Banner } from './banner';
import { CopyButton } from './copy-button';

/** Shows a signing secret once, with Copy. */
export function SecretDialog({ secret, title, intro, onClose }: { secret: string | null; title: string; intro: string; onClose: () => void }) {
  return (
    <Dialog open={secret !== null} onClose={onClose} title={title} footer={<Button onClick={onClose}>Done</Button>}>
      {secret && (
        <div className="space-y-3 text-sm">
          <p className="text-slate-600">{intro}</p>
          <div className="flex items-center gap-2">
            <code data-testid="signing-secret" className="min-w-0 flex-1 truncate rounded-md bg-slate-100 px-3 py-2 font-mono text-xs">
              {secret}
            </code>
            <CopyButton text={secret} />
          </div>
          <Banner tone="warning">Shown once. Store it now; you can rotate it later.</Banner>
        </div>
      )}
    </Dialog>
  );
}
