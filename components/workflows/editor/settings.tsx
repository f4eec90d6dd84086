'use client';
// The Settings panel's forms for the Start block (trigger), a Webhook block and a Delay block. The
// Message block has its own file (message-settings.tsx: templates, inserts and the live preview).
import { useId, useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { DELAY_UNITS, ON_FAILURE, WEBHOOK_TIMEOUT_MS } from '@/lib/workflows/schema';
import type { RequestWebhookView } from '@/lib/request-webhooks/types';
import { TextField } from '@/components/ui/field';
import { Switch } from '@/components/ui/switch';
import { Button } from '@/components/ui/button';
import { controlClass } from '@/components/ui/search-box';
import { useEventTypes } from '@/components/events/use-events';
import { ManageWebhookDialog } from '@/app/(admin)/automation/request-webhooks/manage-webhook-dialog';
import { useRequestWebhooks } from '@/app/(admin)/automation/request-webhooks/use-request-webhooks';
import { errorAt, type WorkflowForm } from './form';

const label = 'block text-sm font-medium text-slate-700';
const errorText = (message?: string) => message && <p className="mt-1 text-xs text-red-600">{message}</p>;

export function StartSettings({ form }: { form: WorkflowForm }) {
  const { register, control, setValue, formState } = form;
  const errors = formState.errors;
  const types = useEventTypes();
  const listId = useId();
  const filter = useWatch({ control, name: 'trigger.filter' });
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">A run starts for every event of this type received through <code className="font-mono text-xs">POST /api/v1/events</code> while the workflow is active.</p>
      <TextField
        label="Event type key"
        placeholder="subscribeFromApi"
        list={listId}
        autoComplete="off"
        hint="Pick a received event type or type one."
        error={errorAt(errors, 'trigger.eventTypeKey')}
        {...register('trigger.eventTypeKey')}
      />
      <datalist id={listId}>
        {types.data?.map((t) => (
          <option key={t.eventTypeKey} value={t.eventTypeKey}>
            {t.count.toLocaleString()} received
          </option>
        ))}
      </datalist>
      <div className="flex items-center justify-between gap-4 border-t border-slate-200 pt-4">
        <div>
          <p className="text-sm font-medium text-slate-800">Only when a parameter equals</p>
          <p className="text-xs text-slate-500">Compared as text, e.g. source = website.</p>
        </div>
        <Switch
          label="Only when a parameter equals"
          checked={filter !== null && filter !== undefined}
          onChange={(on) => setValue('trigger.filter', on ? { param: '', value: '' } : null, { shouldDirty: true })}
        />
      </div>
      {filter && (
        <div className="grid grid-cols-2 gap-3">
          <TextField label="Parameter" placeholder="source" error={errorAt(errors, 'trigger.filter.param')} {...register('trigger.filter.param')} />
          <TextField label="Value" placeholder="website" error={errorAt(errors, 'trigger.filter.value')} {...register('trigger.filter.value')} />
        </div>
      )}
    </div>
  );
}

type Dialog = { mode: 'create' } | { mode: 'edit'; webhook: RequestWebhookView } | null;

export function WebhookSettings({ form, index }: { form: WorkflowForm; index: number }) {
  const { register, control, setValue, clearErrors, formState } = form;
  const errors = formState.errors;
  const live = useRequestWebhooks(false);
  const deleted = useRequestWebhooks(true);
  const [dialog, setDialog] = useState<Dialog>(null);
  const base = `blocks.${index}` as const;
  const webhookId = useWatch({ control, name: `${base}.webhookId` as 'blocks.0.webhookId' }) as string | null | undefined;
  const chosen = live.data?.find((w) => w.id === webhookId);
  const gone = !chosen && webhookId ? deleted.data?.find((w) => w.id === webhookId) : undefined;
  const ids = { webhook: useId(), failure: useId() };
  const path = (f: string) => `${base}.${f}` as 'blocks.0.id';
  // One of Contact ID, Phone, Contact Email is enough: typing in one answers activation's "fill in
  // one of them" on all three.
  const identity = (f: 'contactId' | 'phone' | 'email') =>
    register(path(f), { onChange: () => clearErrors((['contactId', 'phone', 'email'] as const).filter((g) => g !== f).map(path)) });

  return (
    <div className="space-y-4">
      <div>
        <label htmlFor={ids.webhook} className={label}>
          Webhook
        </label>
        <Controller
          control={control}
          name={path('webhookId')}
          render={({ field }) => (
            <select
              id={ids.webhook}
              ref={field.ref}
              name={field.name}
              onBlur={field.onBlur}
              value={(field.value as string | null) ?? ''}
              onChange={(e) => field.onChange(e.target.value || null)}
              aria-invalid={errorAt(errors, `${base}.webhookId`) ? true : undefined}
              className={controlClass}
            >
              <option value="">{live.isPending ? 'Loading webhooks…' : 'Choose a webhook…'}</option>
              {webhookId && !chosen && <option value={webhookId}>{gone ? `${gone.name} (deleted)` : 'A deleted webhook'}</option>}
              {live.data?.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name} · {w.method}
                </option>
              ))}
            </select>
          )}
        />
        {errorText(errorAt(errors, `${base}.webhookId`))}
        {gone && <p className="mt-1 text-xs text-amber-700">“{gone.name}” was deleted: restore it under Workflow webhooks, or choose another.</p>}
        {chosen && <p className="mt-1 truncate font-mono text-xs text-slate-500" title={chosen.url}>{chosen.url}</p>}
        <div className="mt-2 flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'create' })}>
            Create webhook
          </Button>
          {chosen && (
            <Button variant="secondary" size="sm" onClick={() => setDialog({ mode: 'edit', webhook: chosen })}>
              Manage Webhook
            </Button>
          )}
        </div>
      </div>
      <fieldset className="space-y-3 border-t border-slate-200 pt-4">
        <legend className="sr-only">Identify the contact</legend>
        <p className="text-xs text-slate-500">
          Identify the contact: a value or a template such as <code className="font-mono">{'${email}'}</code> (the event’s parameter). One of the three is enough.
        </p>
        {errorText(errorAt(errors, `${base}.contact`))}
        <TextField label="Contact ID" placeholder="${contactId}" autoComplete="off" error={errorAt(errors, `${base}.contactId`)} {...identity('contactId')} />
        <TextField label="Phone" placeholder="${phone}" autoComplete="off" error={errorAt(errors, `${base}.phone`)} {...identity('phone')} />
        <TextField label="Contact Email" placeholder="${email}" autoComplete="off" error={errorAt(errors, `${base}.email`)} {...identity('email')} />
      </fieldset>
      <div className="grid gap-3 border-t border-slate-200 pt-4 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
        <TextField
          label="Timeout (ms)"
          inputMode="numeric"
          hint={`${WEBHOOK_TIMEOUT_MS.min.toLocaleString()}–${WEBHOOK_TIMEOUT_MS.max.toLocaleString()}`}
          error={errorAt(errors, `${base}.timeoutMs`)}
          {...register(path('timeoutMs'))}
        />
        <div>
          <label htmlFor={ids.failure} className={label}>
            When it still fails
          </label>
          <select id={ids.failure} className={controlClass} {...register(path('onFailure'))}>
            {ON_FAILURE.map((o) => (
              <option key={o} value={o}>
                {o === 'stop' ? 'Stop the run' : 'Go on without $data'}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-500">After 3 retries, 1, 2 and 4 retry units apart.</p>
        </div>
      </div>
      {dialog && (
        <ManageWebhookDialog
          webhook={dialog.mode === 'edit' ? dialog.webhook : undefined}
          initialStep="form"
          onClose={() => setDialog(null)}
          onSaved={(w) => {
            setValue(path('webhookId'), w.id, { shouldDirty: true });
            clearErrors(path('webhookId'));
          }}
        />
      )}
    </div>
  );
}

export function DelaySettings({ form, index }: { form: WorkflowForm; index: number }) {
  const { register, formState } = form;
  const errors = formState.errors;
  const unitId = useId();
  const base = `blocks.${index}`;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">The run waits, then goes on with the next block. A waiting run is a due time, not a sleeping process.</p>
      <div className="grid grid-cols-2 gap-3">
        <TextField label="Wait" inputMode="numeric" error={errorAt(errors, `${base}.amount`)} {...register(`${base}.amount` as 'blocks.0.id')} />
        <div>
          <label htmlFor={unitId} className={label}>
            Unit
          </label>
          <select id={unitId} className={controlClass} {...register(`${base}.unit` as 'blocks.0.id')}>
            {DELAY_UNITS.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
          {errorText(errorAt(errors, `${base}.unit`))}
        </div>
      </div>
    </div>
  );
}
