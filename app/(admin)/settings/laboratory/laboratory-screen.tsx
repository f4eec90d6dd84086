'use client';
import { useId, useState, type ReactNode } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { laboratorySchema, type LaboratoryInput, type LaboratorySaveResult, type LaboratoryView } from '@/lib/endpoints/laboratory-schema';
import { applyFieldErrors } from '@/lib/http/client';
import { PageHeader } from '@/components/ui/page-header';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { Banner } from '@/components/ui/banner';
import { Switch } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/components/ui/format';
import { SecretDialog } from '@/components/ui/secret-dialog';
import { RotateSecretButton } from '@/components/endpoints/rotate-secret-button';
import { VerifySignatures } from '@/components/endpoints/verify-signatures';
import { useLaboratory, useSaveLaboratory } from './use-laboratory';

const BLOCKED_HINT = 'Your server probably blocked the request: check that it answers GET requests to this address with a 2xx code.';

export function LaboratoryScreen() {
  const laboratory = useLaboratory();
  return (
    <>
      <PageHeader title="Laboratory" description="The account webhook: every activity of this account, sent to one address of yours." />
      <div className="max-w-3xl space-y-6">
        {laboratory.isPending ? (
          <div className="rounded-lg bg-white p-6 text-sm text-slate-500 ring-1 ring-slate-200">Loading the webhook settings…</div>
        ) : laboratory.isError ? (
          <Banner tone="error" title="Could not load the webhook settings">
            {laboratory.error.message}{' '}
            <button className="underline" onClick={() => laboratory.refetch()}>
              Try again
            </button>
          </Banner>
        ) : (
          <>
            <WebhooksCard laboratory={laboratory.data} />
            {laboratory.data.endpointId && <SigningCard endpointId={laboratory.data.endpointId} />}
            {laboratory.data.endpointId && <VerifySignatures target={{ name: 'Laboratory', kind: 'laboratory' }} />}
          </>
        )}
        <HowItWorks />
      </div>
    </>
  );
}

function WebhooksCard({ laboratory }: { laboratory: LaboratoryView }) {
  const save = useSaveLaboratory();
  const toast = useToast();
  const switchId = useId();
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    setFocus,
    setValue,
    getValues,
    formState: { errors },
  } = useForm<LaboratoryInput>({
    resolver: zodResolver(laboratorySchema),
    defaultValues: { enabled: laboratory.enabled, url: laboratory.url ?? '' },
  });

  const [secret, setSecret] = useState<string | null>(null);
  const onSubmit = handleSubmit(async (values) => {
    try {
      const result = await save.mutateAsync(values);
      if (!result.saved) {
        // The banner explains and says nothing was changed: the switch shows the saved state again
        // (matching the status below); the typed address stays for another try.
        setValue('enabled', laboratory.enabled);
        return;
      }
      if (result.signingSecret) setSecret(result.signingSecret);
      reset({ enabled: result.laboratory.enabled, url: result.laboratory.url ?? values.url });
      toast(result.test ? 'Webhook saved' : 'Webhooks turned off');
    } catch (err) {
      applyFieldErrors(err, setError);
    }
  });

  return (
    <section aria-labelledby="webhooks-title" className="overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
      <form
        onSubmit={(e) => {
          // A new attempt: the outcome of the previous one (a red banner) no longer applies, even when
          // this one stops at a field error before anything is sent.
          save.reset();
          return onSubmit(e);
        }}
        noValidate
      >
        <div className="flex flex-wrap items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
          <div>
            <h2 id="webhooks-title" className="text-base font-semibold text-slate-900">
              Webhooks
            </h2>
            <p className="mt-1 text-sm text-slate-500">POST every activity of this account to your server as JSON.</p>
          </div>
          <div className="flex shrink-0 items-center gap-3 pt-0.5">
            <label htmlFor={switchId} className="cursor-pointer text-sm font-medium text-slate-700">
              Enable webhooks
            </label>
            <Controller
              control={control}
              name="enabled"
              render={({ field }) => (
                <Switch
                  id={switchId}
                  ref={field.ref}
                  checked={field.value}
                  label="Enable webhooks"
                  onChange={(on) => {
                    field.onChange(on);
                    if (on && !getValues('url')) setTimeout(() => setFocus('url'));
                  }}
                />
              )}
            />
          </div>
        </div>

        <div className="space-y-4 px-5 py-5">
          <TextField
            label="Webhook address"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://example.com/hookline"
            hint="Saving with webhooks enabled first sends a GET request to this address as a test; only a 2xx answer saves it."
            error={errors.url?.message}
            {...register('url')}
          />
          <div className="flex items-center gap-3">
            <Button type="submit" loading={save.isPending}>
              {save.isPending ? 'Testing…' : 'Save'}
            </Button>
          </div>
          {save.isError && !errors.url && <Banner tone="error" title="Could not save">{save.error.message}</Banner>}
          {save.data && <SaveOutcome result={save.data} />}
        </div>
      </form>
      <CurrentState laboratory={laboratory} />
      <SecretDialog
        secret={secret}
        title="Signing secret"
        intro="Every request carries Standard Webhooks signature headers (webhook-id, webhook-timestamp, webhook-signature). Verify them on your server with this secret."
        onClose={() => setSecret(null)}
      />
    </section>
  );
}

/** Rotate the signing secret, shown once; the old one stays valid for 24 hours (like an export's). */
function SigningCard({ endpointId }: { endpointId: string }) {
  return (
    <section aria-labelledby="signing-title" className="rounded-lg bg-white px-5 py-4 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="min-w-0 flex-1">
          <h2 id="signing-title" className="text-base font-semibold text-slate-900">
            Signing secret
          </h2>
          <p className="mt-1 text-sm text-slate-500">
            Requests are signed with Standard Webhooks headers. Rotate to get a new secret, shown once; the previous one stays valid for 24 hours.
          </p>
        </div>
        <RotateSecretButton endpointId={endpointId} />
      </div>
    </section>
  );
}

function SaveOutcome({ result: { saved, test } }: { result: LaboratorySaveResult }) {
  if (saved && !test) {
    return <Banner tone="success" title="Webhooks turned off. The address is kept; nothing is sent until you enable them again." />;
  }
  if (test?.ok) {
    return <Banner tone="success" title={`Webhook saved. The test GET request was answered with ${test.status}.`} />;
  }
  if (!test) return null;
  return (
    <Banner
      tone="error"
      title={test.status !== null ? `Not saved: the test GET request was answered with ${test.status}.` : 'Not saved: the test GET request failed.'}
    >
      {test.error.kind !== 'http' && <p>{test.error.message}.</p>}
      <p>{BLOCKED_HINT}</p>
      <p className="mt-1 text-red-700">Nothing was changed.</p>
    </Banner>
  );
}

function CurrentState({ laboratory: l }: { laboratory: LaboratoryView }) {
  return (
    <dl aria-label="Current state" className="grid grid-cols-1 gap-x-6 gap-y-4 border-t border-slate-200 bg-slate-50 px-5 py-4 text-sm sm:grid-cols-3">
      <Item label="Status">
        <StateBadge laboratory={l} />
      </Item>
      <Item label="Queue">{l.waiting === 1 ? '1 activity waiting' : `${l.waiting.toLocaleString()} activities waiting`}</Item>
      <Item label="Last successful delivery">{l.lastSuccessAt ? formatDateTime(l.lastSuccessAt) : 'Never'}</Item>
      <Item label="Saved address" wide>
        {l.url ? (
          <span className="block truncate font-mono text-xs" title={l.url}>
            {l.url}
          </span>
        ) : (
          <span className="text-slate-500">None yet</span>
        )}
      </Item>
    </dl>
  );
}

function Item({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={`min-w-0 ${wide ? 'sm:col-span-3' : ''}`}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-slate-800">{children}</dd>
    </div>
  );
}

function StateBadge({ laboratory: l }: { laboratory: LaboratoryView }) {
  const [text, tone] =
    l.state === 'active'
      ? ['Active', 'bg-emerald-50 text-emerald-700 ring-emerald-200']
      : l.state === 'failing'
        ? [`Failing since ${formatDateTime(l.blockedSince)}`, 'bg-amber-50 text-amber-800 ring-amber-200']
        : ['Inactive', 'bg-slate-100 text-slate-600 ring-slate-200'];
  return (
    <span data-testid="laboratory-state" className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>
      {text}
    </span>
  );
}

function HowItWorks() {
  return (
    <section aria-labelledby="how-title" className="text-sm text-slate-600">
      <h2 id="how-title" className="font-medium text-slate-900">
        How it works
      </h2>
      <ul className="mt-2 list-disc space-y-1.5 pl-5">
        <li>
          Every activity of the account — sent, delivered, read, clicked, unsubscribed and the rest — is POSTed to the address as a JSON
          array, soon after it arrives.
        </li>
        <li>
          An answer other than 2xx is retried after 1, 2, 4, 8 … minutes, then once an hour, until the address answers. Later activities
          wait, and are delivered in their order.
        </li>
        <li>Turning webhooks off keeps the address; activities already waiting are held and sent once you enable them again.</li>
      </ul>
    </section>
  );
}
