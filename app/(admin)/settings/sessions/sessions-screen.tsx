'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionView } from '@/lib/auth/sessions';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState, EmptyState } from '@/components/ui/query-table';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/components/ui/format';
import { useSessions, useSignOutEverywhere, useSignOutSession } from './use-sessions';

export function SessionsScreen() {
  const sessions = useSessions();
  const [ending, setEnding] = useState<SessionView | null>(null);
  const [everywhere, setEverywhere] = useState(false);
  const rows = sessions.data ?? [];

  return (
    <>
      <PageHeader
        title="Sessions"
        description="The browsers signed in as you. Sign out any you do not recognise; a password reset signs out all of them."
        actions={
          <Button variant="secondary" onClick={() => setEverywhere(true)} disabled={rows.length === 0}>
            Sign out everywhere
          </Button>
        }
      />
      <QueryState query={sessions} what="sessions" isEmpty={rows.length === 0} empty={<EmptyState title="No active sessions" />}>
        <ul className="divide-y divide-slate-100" aria-label="Active sessions">
          {rows.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-testid="session-row">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                  {s.device}
                  {s.current && <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-normal text-emerald-700">This device</span>}
                </p>
                <p className="mt-0.5 text-sm text-slate-500">
                  <span className="font-mono text-xs">{s.ip ?? 'unknown address'}</span> · last seen {formatDateTime(s.lastSeenAt)} · signed in{' '}
                  {formatDateTime(s.createdAt)}
                </p>
              </div>
              <Button variant="ghost" size="sm" onClick={() => setEnding(s)} aria-label={`Sign out ${s.device}${s.current ? ' (this device)' : ''}`}>
                Sign out
              </Button>
            </li>
          ))}
        </ul>
      </QueryState>
      <SignOutDialog session={ending} onClose={() => setEnding(null)} />
      <SignOutEverywhereDialog open={everywhere} count={rows.length} onClose={() => setEverywhere(false)} />
    </>
  );
}

/** After this browser's own session ends, the only place left to go is the login page. */
function useLeave() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
    router.replace('/login');
    router.refresh();
  };
}

function SignOutDialog({ session, onClose }: { session: SessionView | null; onClose: () => void }) {
  const signOut = useSignOutSession();
  const toast = useToast();
  const leave = useLeave();
  return (
    <ConfirmDialog
      open={session !== null}
      title="Sign out this session?"
      description={
        session && (session.current ? <>This is the browser you are using: you will be signed out here.</> : <>{session.device} ({session.ip ?? 'unknown address'}) will have to sign in again.</>)
      }
      confirmLabel="Sign out"
      danger
      loading={signOut.isPending}
      onConfirm={async () => {
        if (!session) return;
        try {
          const result = await signOut.mutateAsync(session.id);
          onClose();
          if (result.current) return leave();
          toast(`Signed out ${session.device}`);
        } catch (err) {
          toast((err as Error).message, 'error');
        }
      }}
      onClose={onClose}
    />
  );
}

function SignOutEverywhereDialog({ open, count, onClose }: { open: boolean; count: number; onClose: () => void }) {
  const signOut = useSignOutEverywhere();
  const toast = useToast();
  const leave = useLeave();
  return (
    <ConfirmDialog
      open={open}
      title="Sign out everywhere?"
      description={<>All {count === 1 ? 'your session' : `${count} sessions`}, this one included, end at once. You will sign in again here.</>}
      confirmLabel="Sign out everywhere"
      danger
      loading={signOut.isPending}
      onConfirm={async () => {
        try {
          await signOut.mutateAsync();
          onClose();
          leave();
        } catch (err) {
          toast((err as Error).message, 'error');
        }
      }}
      onClose={onClose}
    />
  );
}
