'use client';
// New / edit data export: the shared zod rules via react-hook-form; server field errors land on the
// field they name (e.g. a duplicate name on "Webhook name").
import { ButtonLink } from '@/components/ui/button-link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { ACTIVITY_STATUSES } from '@/lib/activities/schema';
import { MAX_CUSTOM_HEADERS, type EndpointView } from '@/lib/endpoints/schema';
import { emptyExportForm, exportFormFromView, exportFormSchema, exportFormToInput, type ExportFormOutput, type ExportFormValues } from '@/lib/endpoints/export-form';
import { applyFieldErrors } from '@/lib/http/client';
import { PageHeader } from '@/components/ui/page-header';
import { TextField } from '@/components/ui/field';
import { Switch } from '@/components/ui/switch';
import { Button } from '@/components/ui/button';
import { Banner } from '@/components/ui/banner';
import { useToast } from '@/components/ui/toast';
import { useSaveExport } from './use-exports';
import { SecretDialog } from '@/components/ui/secret-dialog';
import { SendTestDialog } from './send-test-dialog';
import { FailureBanner } from '@/components/endpoints/failure';

const STATUS_LABELS: Record<(typeof ACTIVITY_STATUSES)[number], string> = {
  SENT: 'Sent',
  DELIVERED: 'Delivered',
  UNDELIVERED: 'Undelivered',
  READ: 'Read',
  CLICKED: 'Clicked',
  UNSUBSCRIBED: 'Unsubscribed',
  SPAM: 'Spam',
  SUBSCRIPTION_CHANGED: 'Subscription changed',
};

function Section({ title, description, children, aside }: { title: string; description?: string; children: React.ReactNode; aside?: React.ReactNode }) {
  return (
    <section className="border-t border-slate-200 py-5 first:border-t-0 first:pt-0">
      <div className="mb-3 flex items-start justify-between gap-4">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
          {description && <p className="mt-0.5 text-sm text-slate-500">{description}</p>}
        </div>
        {aside}
      </div>
      {children}
    </section>
  );
}

/**
 * `extra(sendTest)`: the edit page's section below the fields; `sendTest` validates the form like
 * Save, then tests it as it is on screen, and the test's *Save and close* saves exactly that.
 */
export function ExportForm({ endpoint, extra }: { endpoint?: EndpointView; extra?: (sendTest: () => void) => React.ReactNode }) {
  return (
    <>
      <PageHeader
        title={endpoint ? endpoint.name : 'New data export'}
        description={endpoint ? 'Edit the webhook export. Changes apply to the next delivery.' : 'Webhook: activities are POSTed to your URL as JSON arrays.'}
      />
      {endpoint && endpoint.state === 'failing' && (
        <div className="mb-4 max-w-3xl">
          <FailureBanner endpoint={endpoint} />
        </div>
      )}
      <FormBody endpoint={endpoint} extra={extra} />
    </>
  );
}

function FormBody({ endpoint, extra }: { endpoint?: EndpointView; extra?: (sendTest: () => void) => React.ReactNode }) {
  const router = useRouter();
  const toast = useToast();
  const save = useSaveExport(endpoint?.id);
  const [createdSecret, setCreatedSecret] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [testing, setTesting] = useState<ExportFormOutput | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors },
  } = useForm<ExportFormValues, unknown, ExportFormOutput>({
    resolver: zodResolver(exportFormSchema),
    defaultValues: endpoint ? exportFormFromView(endpoint) : emptyExportForm(),
  });
  const headers = useFieldArray({ control, name: 'headers' });
  const authEnabled = useWatch({ control, name: 'authEnabled' });
  const keepPassword = useWatch({ control, name: 'auth.keepPassword' });

  const saveValues = async (values: ExportFormOutput) => {
    setFormError(null);
    try {
      const result = await save.mutateAsync(exportFormToInput(values));
      if (result.signingSecret) {
        setCreatedSecret(result.signingSecret);
      } else {
        toast(`“${values.name}” saved`);
        router.push('/settings/data-export');
      }
    } catch (err) {
      if (!applyFieldErrors(err, setError)) setFormError((err as Error).message);
    }
  };
  const onSubmit = handleSubmit(saveValues);
  const sendTest = handleSubmit((values) => setTesting(values));

  return (
    <>
      <form onSubmit={onSubmit} noValidate className="max-w-3xl rounded-lg bg-white p-6 ring-1 ring-slate-200">
        {formError && (
          <div className="mb-4">
            <Banner tone="error">{formError}</Banner>
          </div>
        )}
        <Section title="Webhook">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Webhook name" placeholder="e.g. CRM activity feed" error={errors.name?.message} {...register('name')} />
            <TextField label="Webhook URL" placeholder="https://example.com/hooks/activity" inputMode="url" error={errors.url?.message} {...register('url')} />
          </div>
        </Section>

        <Section
          title="Authentication"
          description="Basic authentication (login and password) sent with every request."
          aside={<Controller control={control} name="authEnabled" render={({ field }) => <Switch label="Authentication" checked={field.value} onChange={field.onChange} />} />}
        >
          {authEnabled && (
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField label="Login" autoComplete="off" error={errors.auth?.login?.message} {...register('auth.login')} />
              {keepPassword ? (
                <div>
                  <span className="block text-sm font-medium text-slate-700">Password</span>
                  <div className="mt-1 flex items-center gap-2">
                    <span className="flex-1 rounded-md bg-slate-50 px-3 py-2 text-sm tracking-widest text-slate-500 ring-1 ring-slate-200 ring-inset" aria-label="Stored password (hidden)">
                      ••••••••
                    </span>
                    <Button variant="secondary" size="sm" onClick={() => setValue('auth.keepPassword', false)}>
                      Change
                    </Button>
                  </div>
                </div>
              ) : (
                <TextField label="Password" type="password" autoComplete="new-password" error={errors.auth?.password?.message} {...register('auth.password')} />
              )}
            </div>
          )}
        </Section>

        <Section title="Headers" description={`Extra HTTP headers for your server, up to ${MAX_CUSTOM_HEADERS}.`}>
          {headers.fields.length > 0 && (
            <ul className="mb-3 space-y-2">
              {headers.fields.map((field, i) => (
                <li key={field.id} className="flex items-start gap-2">
                  <TextField label={`Header ${i + 1} key`} placeholder="X-Source" className="flex-1" error={errors.headers?.[i]?.name?.message} {...register(`headers.${i}.name`)} />
                  <TextField label={`Header ${i + 1} value`} placeholder="hookline" className="flex-1" error={errors.headers?.[i]?.value?.message} {...register(`headers.${i}.value`)} />
                  <Button variant="ghost" size="sm" className="mt-7" aria-label={`Remove header ${i + 1}`} onClick={() => headers.remove(i)}>
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <div className="flex items-center gap-3">
            <Button variant="secondary" size="sm" disabled={headers.fields.length >= MAX_CUSTOM_HEADERS} onClick={() => headers.append({ name: '', value: '' })}>
              + Add header
            </Button>
            {headers.fields.length >= MAX_CUSTOM_HEADERS && <span className="text-xs text-slate-500">At most {MAX_CUSTOM_HEADERS} headers</span>}
          </div>
          {errors.headers?.message && <p className="mt-1 text-xs text-red-600">{errors.headers.message}</p>}
        </Section>

        <Section title="Export activity statuses" description="Only activities with these statuses are sent.">
          <fieldset aria-describedby={errors.statuses ? 'statuses-error' : undefined}>
            <legend className="sr-only">Export activity statuses</legend>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
              {ACTIVITY_STATUSES.map((s) => (
                <label key={s} className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
                  <input type="checkbox" value={s} className="size-4 rounded border-slate-300 accent-indigo-600" {...register('statuses')} />
                  {STATUS_LABELS[s]}
                </label>
              ))}
            </div>
          </fieldset>
          {errors.statuses && (
            <p id="statuses-error" className="mt-1 text-xs text-red-600">
              {errors.statuses.message ?? errors.statuses.root?.message}
            </p>
          )}
        </Section>

        {extra?.(() => void sendTest())}

        <div className="flex justify-end gap-2 border-t border-slate-200 pt-5">
          <ButtonLink href="/settings/data-export" variant="ghost">
            Cancel
          </ButtonLink>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </div>
      </form>
      {endpoint && testing && (
        <SendTestDialog
          endpoint={endpoint}
          settings={(({ url, headers, auth }) => ({ url, headers, auth }))(exportFormToInput(testing))}
          onClose={() => setTesting(null)}
          saving={save.isPending}
          onSaveAndClose={async () => {
            await saveValues(testing);
            setTesting(null); // on a refused save the form shows why
          }}
        />
      )}
      <SecretDialog
        secret={createdSecret}
        title="Export created"
        intro="It is active now. Receivers can check each request's signature (Standard Webhooks) with this secret:"
        onClose={() => router.push('/settings/data-export')}
      />
    </>
  );
}
