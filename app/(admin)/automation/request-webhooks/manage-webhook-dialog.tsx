'use client';
// The Manage Webhook dialog: the form (GET/POST, HTTPS URL with ${variables}, headers, auth
// connector, JSON/XML/text body), then Send test: choose a contact and/or an event → see the resolved
// request → send it → see the answer and the $data expressions that read it in a message.
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { BODY_FORMATS, DEFAULT_CONCURRENCY, DEFAULT_RATE_LIMIT, requestWebhookSchema, toRequestSpec, type RequestWebhookFormValues, type RequestWebhookInput } from '@/lib/templates/schema';
import { listRequestVariables } from '@/lib/templates/render';
import type { RequestWebhookView } from '@/lib/request-webhooks/types';
import { applyFieldErrors } from '@/lib/http/client';
import { Dialog } from '@/components/ui/dialog';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { Switch } from '@/components/ui/switch';
import { Button } from '@/components/ui/button';
import { Banner } from '@/components/ui/banner';
import { useToast } from '@/components/ui/toast';
import { ConnectorDialog } from '../connectors/connector-form';
import { useConnectors } from '../connectors/use-connectors';
import { useSaveRequestWebhook } from './use-request-webhooks';
import { TestFlow } from './test-flow';

const textarea =
  'mt-1 block w-full rounded-md border-0 p-3 font-mono text-xs shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-500 focus:outline-none';
const select = 'mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-500 focus:outline-none';

function defaults(w?: RequestWebhookView): RequestWebhookFormValues {
  return {
    name: w?.name ?? '',
    description: w?.description ?? '',
    method: w?.method ?? 'GET',
    url: w?.url ?? 'https://',
    passHeaders: w?.passHeaders ?? false,
    headers: w?.headers ?? [],
    authEnabled: w?.authEnabled ?? false,
    connectorId: w?.connectorId ?? null,
    bodyEnabled: w?.bodyEnabled ?? false,
    bodyFormat: w?.bodyFormat ?? 'json',
    body: w?.body ?? '',
    rateLimit: w ? w.rateLimit : DEFAULT_RATE_LIMIT,
    maxConcurrency: w?.maxConcurrency ?? DEFAULT_CONCURRENCY,
  };
}

function Toggle({ label, hint, checked, onChange }: { label: string; hint?: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="flex items-center justify-between gap-4">
      <div>
        <p className="text-sm font-medium text-slate-800">{label}</p>
        {hint && <p className="text-xs text-slate-500">{hint}</p>}
      </div>
      <Switch label={label} checked={checked} onChange={onChange} />
    </div>
  );
}

export function ManageWebhookDialog({
  webhook,
  initialStep,
  onClose,
  onSaved,
}: {
  webhook?: RequestWebhookView;
  initialStep: 'form' | 'test';
  onClose: () => void;
  /** Called with the saved webhook on Done (a workflow's Webhook block selects a webhook created here). */
  onSaved?: (webhook: RequestWebhookView) => void;
}) {
  const toast = useToast();
  const [saved, setSaved] = useState<RequestWebhookView | undefined>(webhook);
  const save = useSaveRequestWebhook(saved?.id);
  const connectors = useConnectors();
  const [newConnector, setNewConnector] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const [testing, setTesting] = useState<RequestWebhookInput | null>(initialStep === 'test' && webhook ? requestWebhookSchema.parse(defaults(webhook)) : null);
  const form = useForm<RequestWebhookFormValues, unknown, RequestWebhookInput>({ resolver: zodResolver(requestWebhookSchema), defaultValues: defaults(webhook) });
  const { register, control, handleSubmit, setError, setValue, formState } = form;
  const errors = formState.errors;
  const dirty = formState.isDirty; // read while rendering, so react-hook-form tracks it
  const headers = useFieldArray({ control, name: 'headers' });
  const [method, passHeaders, authEnabled, bodyEnabled] = useWatch({ control, name: ['method', 'passHeaders', 'authEnabled', 'bodyEnabled'] });

  /** Done (the seed's word): save and close. A refused save shows its reasons on the form. */
  const saveValues = async (values: RequestWebhookInput) => {
    try {
      const result = await save.mutateAsync(values);
      setSaved(result);
      toast(`“${result.name}” saved`);
      onSaved?.(result);
      onClose();
    } catch (err) {
      setTesting(null);
      applyFieldErrors(err, setError);
    }
  };
  const onSave = handleSubmit(saveValues);
  const onTest = handleSubmit((values) => setTesting(values));
  // Closing the form with unsaved changes (×, Esc, Cancel) asks first; a new webhook counts as
  // changed once anything is typed.
  const requestClose = () => (dirty ? setConfirmClose(true) : onClose());

  if (testing) {
    const variables = listRequestVariables(toRequestSpec(testing));
    return (
      <Dialog
        open
        onClose={() => setTesting(null)}
        width="max-w-3xl"
        title={`Send test · ${testing.name}`}
        footer={
          <Button onClick={() => saveValues(testing)} loading={save.isPending}>
            Done
          </Button>
        }
      >
        <TestFlow webhook={testing} webhookId={saved?.id} variables={variables} onBack={() => setTesting(null)} />
      </Dialog>
    );
  }

  return (
    <>
      <Dialog
        open
        onClose={requestClose}
        width="max-w-3xl"
        title={saved ? `Manage Webhook · ${saved.name}` : 'Manage Webhook'}
        description="Variables: ${name} reads the triggering event's parameter, ${contact.FIELD} the contact card (e.g. ${contact.TOWN}, ${contact.email})."
        footer={
          <>
            <Button variant="secondary" onClick={requestClose}>
              Cancel
            </Button>
            <Button variant="secondary" onClick={onTest}>
              Send test
            </Button>
            <Button type="submit" form="manage-webhook" loading={save.isPending}>
              Done
            </Button>
          </>
        }
      >
        <form id="manage-webhook" onSubmit={onSave} noValidate className="space-y-5">
          {save.isError && !Object.keys(errors).length && <Banner tone="error">{save.error.message}</Banner>}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Name" placeholder="WH5" error={errors.name?.message} {...register('name')} />
            <TextField label="Description" placeholder="Optional" error={errors.description?.message} {...register('description')} />
          </div>
          <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
            <div>
              <label htmlFor="wh-method" className="block text-sm font-medium text-slate-700">
                Request type
              </label>
              <select id="wh-method" className={select} {...register('method')}>
                <option value="GET">GET</option>
                <option value="POST">POST</option>
              </select>
            </div>
            <TextField label="URL" placeholder="https://example.com/promo?email=${email}&town=${contact.TOWN}" error={errors.url?.message} {...register('url')} />
          </div>

          <section className="space-y-3 border-t border-slate-200 pt-4">
            <Controller control={control} name="passHeaders" render={({ field }) => <Toggle label="Pass parameters in headers" checked={field.value ?? false} onChange={field.onChange} />} />
            {passHeaders && (
              <div className="space-y-2">
                {headers.fields.map((f, i) => (
                  <div key={f.id} className="flex items-start gap-2">
                    <TextField label={`Variable ${i + 1}`} placeholder="X-Customer-Email" className="flex-1" error={errors.headers?.[i]?.name?.message} {...register(`headers.${i}.name`)} />
                    <TextField label={`Value ${i + 1}`} placeholder="${contact.email}" className="flex-1" error={errors.headers?.[i]?.value?.message} {...register(`headers.${i}.value`)} />
                    <Button variant="ghost" size="sm" className="mt-7" aria-label={`Remove header ${i + 1}`} onClick={() => headers.remove(i)}>
                      Remove
                    </Button>
                  </div>
                ))}
                <Button variant="secondary" size="sm" onClick={() => headers.append({ name: '', value: '' })}>
                  + Add parameter
                </Button>
              </div>
            )}
          </section>

          <section className="space-y-3 border-t border-slate-200 pt-4">
            <Controller control={control} name="authEnabled" render={({ field }) => <Toggle label="Authentication" hint="Basic, Bearer token or API key, from a connector." checked={field.value ?? false} onChange={field.onChange} />} />
            {authEnabled && (
              <div className="flex items-end gap-2">
                <div className="flex-1">
                  <label htmlFor="wh-connector" className="block text-sm font-medium text-slate-700">
                    Connector
                  </label>
                  {/* Controlled, so a connector created in place shows as chosen once its option exists. */}
                  <Controller
                    control={control}
                    name="connectorId"
                    render={({ field }) => (
                      <select id="wh-connector" className={select} ref={field.ref} name={field.name} onBlur={field.onBlur} value={field.value ?? ''} onChange={(e) => field.onChange(e.target.value || null)}>
                        <option value="">Choose a connector…</option>
                        {connectors.data?.map((c) => (
                          <option key={c.id} value={c.id}>
                            {c.name}
                          </option>
                        ))}
                      </select>
                    )}
                  />
                  {errors.connectorId && <p className="mt-1 text-xs text-red-600">{errors.connectorId.message}</p>}
                </div>
                <Button variant="secondary" onClick={() => setNewConnector(true)}>
                  New connector
                </Button>
              </div>
            )}
          </section>

          <section className="space-y-3 border-t border-slate-200 pt-4">
            <div>
              <p className="text-sm font-medium text-slate-800">Workflow runs</p>
              <p className="text-xs text-slate-500">How fast runs may call this webhook, so a burst of events never floods the partner’s API. Tests are not limited.</p>
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <Controller
                control={control}
                name="rateLimit"
                render={({ field }) => (
                  <TextField
                    label="Rate limit (requests/second)"
                    inputMode="numeric"
                    placeholder="No limit"
                    hint={`Empty: no limit. Default ${DEFAULT_RATE_LIMIT}.`}
                    error={errors.rateLimit?.message}
                    ref={field.ref}
                    name={field.name}
                    onBlur={field.onBlur}
                    value={field.value === null || field.value === undefined ? '' : String(field.value)}
                    onChange={(e) => field.onChange(e.target.value.trim() === '' ? null : e.target.value)}
                  />
                )}
              />
              <TextField label="Max concurrent requests" inputMode="numeric" error={errors.maxConcurrency?.message} {...register('maxConcurrency')} />
            </div>
          </section>

          {method === 'POST' && (
            <section className="space-y-3 border-t border-slate-200 pt-4">
              <Controller control={control} name="bodyEnabled" render={({ field }) => <Toggle label="Request body" checked={field.value ?? false} onChange={field.onChange} />} />
              {bodyEnabled && (
                <>
                  <div role="radiogroup" aria-label="Body format" className="flex gap-4">
                    {BODY_FORMATS.map((f) => (
                      <label key={f} className="flex items-center gap-1.5 text-sm text-slate-700">
                        <input type="radio" value={f} className="accent-indigo-600" {...register('bodyFormat')} />
                        {f === 'text' ? 'Text' : f.toUpperCase()}
                      </label>
                    ))}
                  </div>
                  <div>
                    <label htmlFor="wh-body" className="sr-only">
                      Body
                    </label>
                    <textarea id="wh-body" rows={8} spellCheck={false} className={textarea} placeholder={'{"email": "${contact.email}", "product": "${productId}"}'} {...register('body')} />
                    {errors.body && <p className="mt-1 text-xs text-red-600">{errors.body.message}</p>}
                  </div>
                </>
              )}
            </section>
          )}
        </form>
      </Dialog>
      <ConfirmDialog
        open={confirmClose}
        title="Discard your changes?"
        description="This webhook has changes that are not saved. Close it and lose them?"
        confirmLabel="Discard changes"
        danger
        onConfirm={() => {
          setConfirmClose(false);
          onClose();
        }}
        onClose={() => setConfirmClose(false)}
      />
      {newConnector && (
        <ConnectorDialog
          onClose={() => setNewConnector(false)}
          onSaved={(c) => {
            setValue('connectorId', c.id, { shouldValidate: true });
            toast(`Connector “${c.name}” created`);
          }}
        />
      )}
    </>
  );
}
