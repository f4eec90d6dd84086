'use client';
// New segment: a name and one or more conditions (field, operator, value), all of which must hold.
import { useId } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { SEGMENT_OP_LABELS, SEGMENT_OPS, segmentCreateSchema, type SegmentCreate, type SegmentCreateInput, type SegmentView } from '@/lib/contacts/schema';
import { applyFieldErrors } from '@/lib/http/client';
import { FormDialog } from '@/components/ui/form-dialog';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Banner } from '@/components/ui/banner';
import { useCreateSegment } from '@/components/contacts/use-contacts';

const EMPTY: SegmentCreateInput = { name: '', conditions: [{ field: 'TOWN', op: 'eq', value: '' }] };
const control = (invalid: boolean) =>
  `block w-full rounded-md border-0 px-2.5 py-2 text-sm shadow-xs ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:outline-none disabled:bg-slate-50 disabled:text-slate-400 ${
    invalid ? 'ring-red-400 focus:ring-red-500' : 'ring-slate-300 focus:ring-indigo-500'
  }`;

export function NewSegmentDialog({
  open,
  knownFields,
  onClose,
  onCreated,
}: {
  open: boolean;
  knownFields: string[];
  onClose: () => void;
  onCreated: (segment: SegmentView) => void;
}) {
  const create = useCreateSegment();
  const listId = useId();
  const {
    register,
    control: formControl,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<SegmentCreateInput, unknown, SegmentCreate>({ resolver: zodResolver(segmentCreateSchema), defaultValues: EMPTY });
  const { fields, append, remove } = useFieldArray({ control: formControl, name: 'conditions' });
  const conditions = useWatch({ control: formControl, name: 'conditions' });

  const close = () => {
    reset(EMPTY);
    create.reset();
    onClose();
  };
  const onSubmit = handleSubmit(async (values) => {
    try {
      const segment = await create.mutateAsync(values);
      onCreated(segment);
      close();
    } catch (err) {
      applyFieldErrors(err, setError);
    }
  });
  const serverMessage = create.isError && Object.keys(errors).length === 0 ? create.error.message : null;

  return (
    <FormDialog
      id="new-segment"
      open={open}
      onClose={close}
      title="New segment"
      description="Contacts that match every condition. Text compares without regard to case."
      width="max-w-2xl"
      submitLabel="Create segment"
      saving={create.isPending}
      onSubmit={onSubmit}
    >
      {serverMessage && <Banner tone="error">{serverMessage}</Banner>}
      <TextField label="Name" placeholder="e.g. Customers in Kyiv" error={errors.name?.message} {...register('name')} />
      <fieldset>
        <legend className="block text-sm font-medium text-slate-700">Conditions</legend>
        {errors.conditions?.message && <p className="mt-1 text-xs text-red-600">{errors.conditions.message}</p>}
        <datalist id={listId}>
          {knownFields.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <ol className="mt-2 space-y-2">
          {fields.map((row, i) => {
            const err = errors.conditions?.[i];
            const exists = conditions?.[i]?.op === 'exists';
            return (
              <li key={row.id}>
                <div className="flex items-start gap-2">
                  <span className="w-10 shrink-0 pt-2 text-right text-xs font-medium text-slate-400">{i === 0 ? 'Where' : 'and'}</span>
                  <div className="grid min-w-0 flex-1 grid-cols-[minmax(0,1fr)_7.5rem_minmax(0,1fr)] gap-2">
                    <input
                      aria-label={`Condition ${i + 1} field`}
                      list={listId}
                      placeholder="Field, e.g. TOWN"
                      autoComplete="off"
                      aria-invalid={err?.field ? true : undefined}
                      className={control(Boolean(err?.field))}
                      {...register(`conditions.${i}.field`)}
                    />
                    <select aria-label={`Condition ${i + 1} operator`} className={control(Boolean(err?.op))} {...register(`conditions.${i}.op`)}>
                      {SEGMENT_OPS.map((op) => (
                        <option key={op} value={op}>
                          {SEGMENT_OP_LABELS[op]}
                        </option>
                      ))}
                    </select>
                    <input
                      aria-label={`Condition ${i + 1} value`}
                      placeholder={exists ? 'any value' : 'Value, e.g. Kyiv'}
                      autoComplete="off"
                      disabled={exists}
                      aria-invalid={err?.value ? true : undefined}
                      className={control(Boolean(err?.value))}
                      {...register(`conditions.${i}.value`)}
                    />
                  </div>
                  <button
                    type="button"
                    onClick={() => remove(i)}
                    disabled={fields.length === 1}
                    aria-label={`Remove condition ${i + 1}`}
                    className="mt-1 rounded p-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-600 disabled:invisible"
                  >
                    <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden>
                      <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                    </svg>
                  </button>
                </div>
                {(err?.field || err?.op || err?.value) && (
                  <p className="mt-1 ml-12 text-xs text-red-600">{[err.field?.message, err.op?.message, err.value?.message].filter(Boolean).join(' · ')}</p>
                )}
              </li>
            );
          })}
        </ol>
        <Button variant="ghost" size="sm" className="mt-2 ml-10" onClick={() => append({ field: '', op: 'eq', value: '' })} disabled={fields.length >= 20}>
          + Add condition
        </Button>
      </fieldset>
    </FormDialog>
  );
}
