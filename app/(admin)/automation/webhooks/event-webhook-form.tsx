'use client';
// The "Create new Webhook" wizard and the webhook page: Name, Event, Target URL; a connection test
// shown step by step; active on creation once it passes; editable only while inactive.
import { ButtonLink } from '@/components/ui/button-link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { EVENT_TYPES, eventTypeLabel, eventWebhookSchema, type ConnectionTest, type EventWebhookInput } from '@/lib/event-webhooks/schema';
import type { EventWebhookView } from '@/lib/event-webhooks/service';
import { applyFieldErrors } from '@/lib/http/client';
import { PageHeader } from '@/components/ui/page-header';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { Banner } from '@/components/ui/banner';
import { SecretDialog } from '@/components/ui/secret-dialog';
import { useToast } from '@/components/ui/toast';
import { StateBadge } from '@/components/endpoints/state-badge';
import { FailureBanner } from '@/components/endpoints/failure';
import { VerifySignatures } from '@/components/endpoints/verify-signatures';
import { TestSteps } from './test-steps';
import { useConnectionTest, useCreateEventWebhook, useEventWebhook, useUpdateEventWebhook } from './use-event-webhooks';

/** An active webhook's settings: plain text, not inputs that look editable and ignore typing. */
function ReadOnlyFields({ webhook }: { webhook: EventWebhookView }) {
  const rows: [string, React.ReactNode][] = [
    ['Name', webhook.name],
    ['Event', eventTypeLabel(webhook.eventType)],
    ['Target URL', <span key="url" className="font-mono text-xs break-all">{webhook.url}</span>],
  ];
  return (
    <dl className="divide-y divide-slate-100 rounded-md bg-slate-50 ring-1 ring-slate-200" data-testid="read-only-fields">
      {rows.map(([label, value]) => (
        <div key={label} className="grid gap-1 px-4 py-3 sm:grid-cols-[9rem_1fr]">
          <dt className="text-sm font-medium text-slate-500">{label}</dt>
          <dd className="min-w-0 text-sm text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Fields({ form }: { form: ReturnType<typeof useForm<EventWebhookInput>> }) {
  const {
    register,
    formState: { errors },
  } = form;
  return (
    <div className="space-y-4">
      <TextField label="Name" placeholder="e.g. Opens to CRM" error={errors.name?.message} {...register('name')} />
      <div>
        <label htmlFor="event-type" className="block text-sm font-medium text-slate-700">
          Event
        </label>
        <select
          id="event-type"
          aria-invalid={errors.eventType ? true : undefined}
          className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-xs ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-500 focus:outline-none"
          {...register('eventType')}
        >
          <option value="">Choose an event…</option>
          {EVENT_TYPES.map((e) => (
            <option key={e.key} value={e.key}>
              {e.label}
            </option>
          ))}
        </select>
        {errors.eventType && <p className="mt-1 text-xs text-red-600">{errors.eventType.message}</p>}
      </div>
      <TextField
        label="Target URL"
        placeholder="https://example.com/hooks/opens"
        inputMode="url"
        hint="A valid, publicly reachable HTTPS address."
        error={errors.url?.message}
        {...register('url')}
      />
    </div>
  );
}

export function EventWebhookForm() {
  const router = useRouter();
  const create = useCreateEventWebhook();
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const form = useForm<EventWebhookInput>({ resolver: zodResolver(eventWebhookSchema), defaultValues: { name: '', eventType: '' as EventWebhookInput['eventType'], url: '' } });

  const onSubmit = form.handleSubmit(async (values) => {
    setTest(null);
    try {
      const result = await create.mutateAsync(values);
      setTest(result.test);
      if (result.webhook) setSecret(result.signingSecret);
    } catch (err) {
      applyFieldErrors(err, form.setError);
    }
  });

  return (
    <>
      <PageHeader title="Create new Webhook" description="Before activation, a connection test checks the fields, sends dummy data of the chosen event to your URL and checks its structure." />
      <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5 rounded-lg bg-white p-6 ring-1 ring-slate-200">
        <Fields form={form} />
        {create.isError && !form.formState.errors.name && <Banner tone="error">{create.error.message}</Banner>}
        {test && (
          <div className="space-y-3">
            {test.ok ? (
              <Banner tone="success" title="Connection test passed: the webhook is active" />
            ) : (
              <Banner tone="error" title="Connection test failed: the webhook was not created">
                Fix what failed below and test again.
              </Banner>
            )}
            <TestSteps test={test} />
          </div>
        )}
        <div className="flex justify-end gap-2 border-t border-slate-200 pt-5">
          <ButtonLink href="/automation/webhooks" variant="ghost">
            Cancel
          </ButtonLink>
          <Button type="submit" loading={create.isPending}>
            Test connection and create
          </Button>
        </div>
      </form>
      <SecretDialog
        secret={secret}
        title="Webhook created and active"
        intro="Requests are signed (Standard Webhooks). Your server can check each signature with this secret:"
        onClose={() => router.push('/automation/webhooks')}
      />
    </>
  );
}

export function EditEventWebhook({ id }: { id: string }) {
  const hook = useEventWebhook(id);
  if (hook.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (hook.isError) return <Banner tone="error" title="Could not load this webhook">{hook.error.message}</Banner>;
  return <EditForm key={`${hook.data.id}:${hook.data.active}`} webhook={hook.data} />;
}

function EditForm({ webhook }: { webhook: EventWebhookView }) {
  const update = useUpdateEventWebhook(webhook.id);
  const check = useConnectionTest();
  const toast = useToast();
  const form = useForm<EventWebhookInput>({
    resolver: zodResolver(eventWebhookSchema),
    defaultValues: { name: webhook.name, eventType: webhook.eventType, url: webhook.url },
  });
  const readOnly = webhook.active;

  const change = async (patch: Partial<EventWebhookInput> & { active?: boolean }, done: string) => {
    try {
      await update.mutateAsync(patch);
      toast(done);
    } catch (err) {
      if (!applyFieldErrors(err, form.setError)) toast((err as Error).message, 'error');
    }
  };
  const onSubmit = form.handleSubmit((values) => change(values, `“${values.name}” saved`));

  return (
    <>
      <PageHeader title={webhook.name} description={<StateBadge endpoint={webhook} />} />
      {webhook.state === 'failing' && (
        <div className="mb-4 max-w-2xl">
          <FailureBanner endpoint={webhook} />
        </div>
      )}
      <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5 rounded-lg bg-white p-6 ring-1 ring-slate-200">
        {readOnly ? (
          <>
            <ReadOnlyFields webhook={webhook} />
            <p className="text-sm text-slate-500">
              <span className="font-medium text-slate-700">Deactivate to edit.</span> An active webhook cannot be changed: deactivate it, edit, then activate it again.
            </p>
          </>
        ) : (
          <Fields form={form} />
        )}
        {check.data && <TestSteps test={check.data} />}
        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-5">
          <ButtonLink href="/automation/webhooks" variant="ghost" className="mr-auto">
            Back to webhooks
          </ButtonLink>
          {readOnly ? (
            <Button variant="secondary" loading={update.isPending} onClick={() => change({ active: false }, `“${webhook.name}” deactivated`)}>
              Deactivate
            </Button>
          ) : (
            <>
              <Button variant="secondary" loading={check.isPending} onClick={() => check.mutate({ ...form.getValues(), exceptId: webhook.id })}>
                Test connection
              </Button>
              <Button type="submit" variant="secondary" loading={update.isPending}>
                Save
              </Button>
              <Button loading={update.isPending} onClick={() => change({ active: true }, `“${webhook.name}” activated`)}>
                Activate
              </Button>
            </>
          )}
        </div>
      </form>
      <div className="mt-6 max-w-2xl">
        <VerifySignatures target={{ name: webhook.name, kind: 'event', eventType: webhook.eventType }} />
      </div>
    </>
  );
}
