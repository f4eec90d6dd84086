'use client';
// "New contact": the shared create schema validates the form; the server's field errors (a taken
// external customer ID) land on their field.
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { contactCreateSchema, contactDisplayName, type ContactCreate, type ContactCreateInput } from '@/lib/contacts/schema';
import { applyFieldErrors } from '@/lib/http/client';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/field';
import { Banner } from '@/components/ui/banner';
import { useToast } from '@/components/ui/toast';
import { useCreateContact } from '@/components/contacts/use-contacts';

const EMPTY: ContactCreateInput = { email: '', phone: '', externalCustomerId: '', firstName: '', lastName: '', fields: { TOWN: '', BIRTHDAY: '' } };

export function NewContactDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateContact();
  const toast = useToast();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<ContactCreateInput, unknown, ContactCreate>({ resolver: zodResolver(contactCreateSchema), defaultValues: EMPTY });

  const close = () => {
    reset(EMPTY);
    create.reset();
    onClose();
  };
  const onSubmit = handleSubmit(async (values) => {
    try {
      const contact = await create.mutateAsync(values);
      toast(`Contact “${contactDisplayName(contact)}” created`);
      close();
    } catch (err) {
      applyFieldErrors(err, setError);
    }
  });
  const fieldErrors = errors.fields as Record<string, { message?: string }> | undefined;
  const serverMessage = create.isError && Object.keys(errors).length === 0 ? create.error.message : null;

  return (
    <FormDialog
      id="new-contact"
      open={open}
      onClose={close}
      title="New contact"
      description="Give at least an email, a phone or an external customer ID."
      width="max-w-xl"
      submitLabel="Create contact"
      saving={create.isPending}
      onSubmit={onSubmit}
    >
      {serverMessage && <Banner tone="error">{serverMessage}</Banner>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="First name" autoComplete="off" error={errors.firstName?.message} {...register('firstName')} />
        <TextField label="Last name" autoComplete="off" error={errors.lastName?.message} {...register('lastName')} />
        <TextField label="Email" type="email" autoComplete="off" placeholder="olena@example.com" error={errors.email?.message} {...register('email')} />
        <TextField label="Phone" type="tel" autoComplete="off" placeholder="+380 67 123 45 67" error={errors.phone?.message} {...register('phone')} />
        <TextField
          label="External customer ID"
          autoComplete="off"
          hint="Your CRM's id for this person"
          error={errors.externalCustomerId?.message}
          {...register('externalCustomerId')}
        />
      </div>
      <fieldset className="border-t border-slate-100 pt-4">
        <legend className="sr-only">Standard fields</legend>
        <p className="mb-3 text-xs font-semibold tracking-wide text-slate-500 uppercase" aria-hidden>
          Standard fields
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Town" autoComplete="off" placeholder="Kyiv" hint="Read as ${contact.TOWN}" error={fieldErrors?.TOWN?.message} {...register('fields.TOWN')} />
          <TextField label="Birthday" type="date" hint="Read as ${contact.BIRTHDAY}" error={fieldErrors?.BIRTHDAY?.message} {...register('fields.BIRTHDAY')} />
        </div>
      </fieldset>
    </FormDialog>
  );
}
