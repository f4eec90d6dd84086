'use client';
// The workflow editor, laid out like the seed's: the Actions panel (Webhook, Message, Delay: a click
// adds one), the chain in the middle, the Settings panel of the selected block. On a phone the
// panels stack and Settings opens as a full-screen sheet. One react-hook-form over
// workflowInputSchema holds everything, so nothing typed is lost when a dialog closes; Save stores a
// draft, Activate asks the server to check the chain and shows its field errors beside their fields
// and as a list. Leaving with unsaved changes asks first.
import Link from 'next/link';
import { useState } from 'react';
import { get, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { BLOCK_KINDS, workflowInputSchema, type BlockInput, type BlockKind, type WorkflowInput, type WorkflowView } from '@/lib/workflows/schema';
import { ClientApiError } from '@/lib/http/client';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { ButtonLink } from '@/components/ui/button-link';
import { Banner } from '@/components/ui/banner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { useRequestWebhooks } from '@/app/(admin)/automation/request-webhooks/use-request-webhooks';
import { ActiveBadge } from '../parts';
import { useSaveWorkflow, useSetActive, useWorkflow } from '../use-workflows';
import { Chain, Icon } from './chain';
import { DelaySettings, StartSettings, WebhookSettings } from './settings';
import { MessageSettings } from './message-settings';
import { describeField, errorAt, formValues, hasErrorUnder, KIND_LABEL, newBlock } from './form';
import { useLeaveGuard } from './use-leave-guard';

type Problem = { field: string; message: string };

/** /automation/workflows/[id]: loads the workflow, then edits it. */
export function EditWorkflow({ id }: { id: string }) {
  const workflow = useWorkflow(id);
  if (workflow.isPending) return <p className="text-sm text-slate-500">Loading the workflow…</p>;
  if (workflow.isError)
    return (
      <Banner tone="error" title="Could not load the workflow">
        {workflow.error.message}{' '}
        <Link href="/automation/workflows" className="underline">
          Back to Workflows
        </Link>
      </Banner>
    );
  return <WorkflowEditor key={workflow.data.id} workflow={workflow.data} />;
}

const ADD_HINT: Record<BlockKind, string> = {
  webhook: 'Request your system; its answer becomes $data',
  message: 'Email or SMS rendered with Velocity',
  delay: 'Wait minutes, hours or days',
};

export function WorkflowEditor({ workflow }: { workflow?: WorkflowView }) {
  const toast = useToast();
  const save = useSaveWorkflow();
  const setActive = useSetActive();
  const webhooks = useRequestWebhooks(false);
  const form = useForm({ resolver: zodResolver(workflowInputSchema), defaultValues: formValues(workflow) });
  const { control, register, handleSubmit, setError, reset, formState } = form;
  const blocksArray = useFieldArray({ control, name: 'blocks', keyName: 'key' });
  const blocks = (useWatch({ control, name: 'blocks' }) ?? []) as BlockInput[];
  const trigger = useWatch({ control, name: 'trigger' });
  const name = useWatch({ control, name: 'name' });
  const [selected, setSelected] = useState<string>('start');
  const [sheetOpen, setSheetOpen] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState<'save' | 'activate' | null>(null);
  const dirty = formState.isDirty;
  const guard = useLeaveGuard(dirty);
  // The workflow as last saved: a new one gets its id on the first save and stays on this screen
  // (the URL follows without a remount, so the selection and the errors shown stay).
  const [current, setCurrent] = useState<WorkflowView | undefined>(workflow);
  const active = current?.active ?? false;
  const serverProblems = current?.problems ?? [];
  const adopt = (w: WorkflowView) => {
    setCurrent(w);
    if (!current) window.history.replaceState(null, '', `/automation/workflows/${w.id}`);
  };

  const select = (id: string) => {
    setSelected(id);
    setSheetOpen(true);
  };
  const add = (kind: BlockKind) => {
    const block = newBlock(kind);
    // After the selected block, or at the end.
    const at = blocks.findIndex((b) => b.id === selected);
    if (at >= 0) blocksArray.insert(at + 1, block);
    else blocksArray.append(block);
    select(block.id);
  };
  const remove = (i: number) => {
    const id = blocks[i]?.id;
    blocksArray.remove(i);
    setProblems([]); // its block numbers no longer hold
    if (id === selected) setSelected(blocks[i + 1]?.id ?? blocks[i - 1]?.id ?? 'start');
  };

  /** Puts a 422's field errors on their fields and in the list; true when it was one. */
  const showFieldErrors = (err: unknown) => {
    if (!(err instanceof ClientApiError) || !err.fields) return false;
    const list = Object.entries(err.fields).map(([field, messages]) => ({ field, message: messages[0] }));
    for (const p of list) setError(p.field as 'name', { type: 'server', message: p.message });
    setProblems(list);
    return true;
  };

  async function store(values: WorkflowInput): Promise<WorkflowView | null> {
    try {
      const saved = await save.mutateAsync({ id: current?.id, input: values });
      // Kept "submitted", so a field changed after a refused activation is checked again as it
      // changes and its error goes once it is fixed.
      reset(formValues(saved), { keepIsSubmitted: true });
      adopt(saved);
      return saved;
    } catch (err) {
      if (!showFieldErrors(err)) toast((err as Error).message, 'error');
      return null;
    }
  }

  const onSave = handleSubmit(async (values) => {
    setBusy('save');
    setProblems([]);
    const saved = await store(values);
    setBusy(null);
    if (!saved) return;
    toast(`“${saved.name}” saved`);
  });

  const onActivate = handleSubmit(async (values) => {
    setBusy('activate');
    setProblems([]);
    try {
      const saved = dirty || !current ? await store(values) : current;
      if (!saved) return;
      try {
        const on = await setActive.mutateAsync({ id: saved.id, active: true });
        setCurrent(on);
        toast(`“${on.name}” is active: events of type ${on.trigger.eventTypeKey} start it`);
      } catch (err) {
        if (!showFieldErrors(err)) toast((err as Error).message, 'error');
      }
    } finally {
      setBusy(null);
    }
  });

  const onDeactivate = async () => {
    if (!current) return;
    try {
      setCurrent(await setActive.mutateAsync({ id: current.id, active: false }));
      toast(`“${current.name}” deactivated`);
    } catch (err) {
      toast((err as Error).message, 'error');
    }
  };

  const index = blocks.findIndex((b) => b.id === selected);
  const block = index >= 0 ? blocks[index] : undefined;
  const errors = formState.errors;
  // A refused activation's list loses each entry as its field is fixed (the form re-checks a changed
  // field and drops its error), so it never lists what the screen already shows as done.
  const open = problems.filter((p) => get(errors, p.field) !== undefined);
  const shown = [...open, ...(problems.length ? [] : serverProblems)];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs text-slate-500">
            <Link href="/automation/workflows" className="hover:text-slate-800 hover:underline">
              Workflows
            </Link>{' '}
            /
          </p>
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold text-slate-900">
            <span className="truncate">{name || (current ? current.name : 'New workflow')}</span>
            {current && <ActiveBadge active={active} />}
            {dirty && <span className="text-xs font-normal text-amber-700">Unsaved changes</span>}
          </h1>
        </div>
        <div className="flex flex-wrap gap-2">
          {current && (
            <ButtonLink variant="ghost" href={`/automation/workflows/${current.id}/runs`}>
              Launch history
            </ButtonLink>
          )}
          <Button variant="secondary" onClick={onSave} loading={busy === 'save'} disabled={busy !== null}>
            Save
          </Button>
          {active ? (
            <Button variant="secondary" onClick={onDeactivate} loading={setActive.isPending && busy === null}>
              Deactivate
            </Button>
          ) : (
            <Button onClick={onActivate} loading={busy === 'activate'} disabled={busy !== null}>
              Activate
            </Button>
          )}
          {active && dirty && (
            <span className="self-center text-xs text-slate-500">Saving an active workflow checks it again; runs in flight finish on their version.</span>
          )}
        </div>
      </div>

      <TextField label="Workflow name" placeholder="Promo code after subscription" className="max-w-md" error={errorAt(errors, 'name')} {...register('name')} />

      {shown.length > 0 && (
        <Banner tone={open.length ? 'error' : 'warning'} title={open.length ? 'The workflow cannot be activated yet' : 'Activation would be refused'}>
          <ul className="list-disc space-y-0.5 pl-5" data-testid="workflow-problems">
            {shown.map((p) => {
              const d = describeField(p.field, blocks);
              const target = d.blockIndex !== null ? blocks[d.blockIndex]?.id : p.field.startsWith('trigger') ? 'start' : null;
              return (
                <li key={p.field + p.message}>
                  {target ? (
                    <button type="button" className="font-medium underline" onClick={() => select(target)}>
                      {d.label}
                    </button>
                  ) : (
                    <span className="font-medium">{d.label}</span>
                  )}
                  : {p.message}
                </li>
              );
            })}
          </ul>
        </Banner>
      )}

      <div className="grid gap-4 lg:grid-cols-[13rem_minmax(0,1fr)_24rem]">
        <section aria-labelledby="actions-title" className="self-start rounded-lg bg-white p-3 ring-1 ring-slate-200">
          <h2 id="actions-title" className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Actions
          </h2>
          <div className="grid grid-cols-3 gap-2 lg:grid-cols-1">
            {BLOCK_KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                onClick={() => add(kind)}
                aria-label={`Add ${KIND_LABEL[kind]} block`}
                className="flex items-center gap-2 rounded-md p-2 text-left ring-1 ring-slate-200 hover:bg-slate-50 hover:ring-slate-300 focus-visible:outline-2 focus-visible:outline-indigo-600 max-lg:flex-col max-lg:text-center"
              >
                <Icon kind={kind} />
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-slate-900">{KIND_LABEL[kind]}</span>
                  <span className="block text-xs text-slate-500 max-lg:hidden">{ADD_HINT[kind]}</span>
                </span>
              </button>
            ))}
          </div>
        </section>

        <section aria-label="Workflow chain" className="min-h-64 rounded-lg bg-slate-100/70 p-4 ring-1 ring-slate-200 sm:p-6">
          <Chain
            trigger={trigger}
            blocks={blocks}
            webhooks={webhooks.data}
            selected={selected}
            invalid={(path) => hasErrorUnder(errors, path)}
            onSelect={select}
            onMove={(from, to) => {
              blocksArray.move(from, to);
              setProblems([]);
            }}
            onRemove={remove}
          />
          {blocks.length === 0 && <p className="mt-6 text-center text-sm text-slate-500">Add a Webhook, Message or Delay block from Actions.</p>}
        </section>

        <section
          aria-labelledby="settings-title"
          className={`self-start rounded-lg bg-white ring-1 ring-slate-200 max-lg:fixed max-lg:inset-0 max-lg:z-40 max-lg:overflow-y-auto max-lg:rounded-none ${sheetOpen ? '' : 'max-lg:hidden'}`}
        >
          <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3 max-lg:sticky max-lg:top-0 max-lg:z-10 max-lg:bg-white">
            <h2 id="settings-title" className="text-sm font-semibold text-slate-900">
              Settings · {block ? `${index + 1}. ${KIND_LABEL[block.kind]}` : 'Start'}
            </h2>
            <Button variant="secondary" size="sm" className="lg:hidden" onClick={() => setSheetOpen(false)}>
              Done
            </Button>
          </div>
          <div className="p-4">
            {!block && <StartSettings form={form} />}
            {block?.kind === 'webhook' && <WebhookSettings key={block.id} form={form} index={index} />}
            {block?.kind === 'message' && <MessageSettings key={block.id} form={form} index={index} />}
            {block?.kind === 'delay' && <DelaySettings key={block.id} form={form} index={index} />}
          </div>
        </section>
      </div>

      <ConfirmDialog
        open={guard.pending !== null}
        title="Leave without saving?"
        description="This workflow has changes that are not saved. Leave the page and lose them?"
        confirmLabel="Leave"
        danger
        onConfirm={guard.leave}
        onClose={guard.stay}
      />
    </div>
  );
}
