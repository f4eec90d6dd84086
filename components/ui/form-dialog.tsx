'use client';
// A dialog holding one form: Cancel and a submit button in the footer (tied to the form by its id, so
// Enter in a field submits too). The form's fields are the children.
import type { FormEvent, ReactNode } from 'react';
import { Dialog } from './dialog';
import { Button } from './button';

export function FormDialog({
  id,
  open = true,
  title,
  description,
  width,
  submitLabel,
  saving,
  onSubmit,
  onClose,
  children,
}: {
  id: string;
  open?: boolean;
  title: string;
  description?: ReactNode;
  width?: string;
  submitLabel: string;
  saving?: boolean;
  onSubmit: (e?: FormEvent) => unknown;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={title}
      description={description}
      width={width}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form={id} loading={saving}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={id} onSubmit={onSubmit} noValidate className="space-y-4">
        {children}
      </form>
    </Dialog>
  );
}
