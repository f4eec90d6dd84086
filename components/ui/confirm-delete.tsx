'use client';
// "Delete this …?": one confirmation for every list (what goes, what happens to the rest), the call,
// and the toast that says it is done or why not.
import { ConfirmDialog } from './confirm-dialog';
import { useToast } from './toast';

export function ConfirmDelete<T extends { name: string }>({
  target,
  what,
  consequence,
  loading,
  onDelete,
  onClose,
}: {
  /** The row to delete; null: closed. */
  target: T | null;
  /** "webhook", "connector" … */
  what: string;
  /** After the name: "moves to Deleted webhooks …", "and its queue are removed …". */
  consequence: string;
  loading?: boolean;
  onDelete: (target: T) => Promise<unknown>;
  onClose: () => void;
}) {
  const toast = useToast();
  return (
    <ConfirmDialog
      open={target !== null}
      title={`Delete this ${what}?`}
      description={target && <>“{target.name}” {consequence}</>}
      confirmLabel="Delete"
      danger
      loading={loading}
      onConfirm={async () => {
        if (!target) return;
        try {
          await onDelete(target);
          toast(`“${target.name}” deleted`);
          onClose();
        } catch (err) {
          toast((err as Error).message, 'error');
        }
      }}
      onClose={onClose}
    />
  );
}
