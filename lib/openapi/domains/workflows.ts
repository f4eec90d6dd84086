import { z } from 'zod';
import { runDetailSchema, runListQuerySchema, runViewSchema, workflowInputSchema, workflowViewSchema } from '@/lib/workflows/schema';
import type { DomainSpec, Example } from '../define';
import { WORKFLOW_EXAMPLE, WORKFLOW_INPUT_EXAMPLE, WORKFLOW_RUN_DETAIL_EXAMPLE, WORKFLOW_RUN_EXAMPLE } from '../examples';

const one = z.object({ workflow: workflowViewSchema });
const id = { id: 'The workflow’s id.' };
const oneExample = (summary: string, workflow: object): Record<string, Example> => ({ workflow: { summary, value: { workflow } } });
const error = (code: string, message: string, fields?: Record<string, string[]>) => ({ error: { code, message, ...(fields ? { fields } : {}) } });

const BODY_DESCRIPTION =
  'The whole workflow: a trigger and a linear chain of blocks (webhook, message, delay). A draft may be incomplete (no trigger yet, a webhook block without its webhook); block ids must be unique within the workflow. Absent block fields take their defaults.';

const nameTaken = { taken: { summary: 'The name is taken', value: error('conflict', `A workflow named “${WORKFLOW_EXAMPLE.name}” already exists`, { name: [`A workflow named “${WORKFLOW_EXAMPLE.name}” already exists`] }) } };
const saveInvalid: Record<string, Example> = {
  shape: { summary: 'Invalid fields', value: error('unprocessable_entity', 'Some fields are invalid', { name: ['Name the workflow'], 'blocks.1.channel': ['Choose email or sms'] }) },
  notYours: { summary: 'A webhook of another account (or none at all)', value: error('unprocessable_entity', 'Some fields are invalid', { 'blocks.0.webhookId': ['Choose one of your webhooks'] }) },
};
const activationRefused: Example = {
  summary: 'Not ready: every field activation refuses',
  value: error('unprocessable_entity', 'The workflow cannot be active yet: 3 things need fixing', {
    'trigger.eventTypeKey': ['Choose the event type that starts the workflow'],
    'blocks.0.contactId': ['Fill in Contact ID, Phone or Contact Email: the run finds its contact by one of them'],
    'blocks.2.webhookId': ['Webhook WH5 was deleted — restore it or choose another'],
  }),
};

export const workflows: DomainSpec = {
  tag: {
    name: 'Workflows',
    description:
      'Automation → Workflows: an event type (POST /events `eventTypeKey`) starts a run that goes through the blocks in order — webhook blocks send a request webhook and add its answer to `$data`, message blocks render Velocity templates (`${email}`, `$data.get(\'WH5\').get(\'promocode\')`), delay blocks wait. Only active workflows start runs; each run is kept in the launch history.',
  },
  schemas: { Workflow: workflowViewSchema, WorkflowRun: runViewSchema, WorkflowRunDetail: runDetailSchema },
  inputSchemas: { WorkflowInput: workflowInputSchema },
  paths: {
    '/workflows': {
      get: {
        operationId: 'listWorkflows',
        summary: 'List workflows',
        description: 'Every workflow of the account by name, with its run figures (last 24 hours) and the `problems` activation would refuse now (a webhook deleted since shows here).',
        responses: { 200: { description: 'The account’s workflows.', body: { schema: z.object({ workflows: z.array(workflowViewSchema) }), examples: { list: { summary: 'One workflow', value: { workflows: [WORKFLOW_EXAMPLE] } } } } } },
        errors: [],
      },
      post: {
        operationId: 'createWorkflow',
        summary: 'Create a workflow',
        description: 'Created inactive, at version 1; activate it to start taking events.',
        body: { schema: workflowInputSchema, description: BODY_DESCRIPTION, examples: { promo: { summary: 'Seed 001: the WH5 webhook finds the contact by ${email}, the email shows its promo code', value: WORKFLOW_INPUT_EXAMPLE } } },
        responses: { 201: { description: 'Created (inactive).', body: { schema: one, examples: oneExample('The new workflow', { ...WORKFLOW_EXAMPLE, active: false, stats: { runs24h: 0, failures24h: 0, inProgress: 0, lastRunAt: null } }) } } },
        errors: ['bad_request', 'conflict', 'payload_too_large', 'unsupported_media_type', 'unprocessable_entity'],
        errorExamples: { conflict: nameTaken, unprocessable_entity: saveInvalid },
      },
    },
    '/workflows/[id]': {
      get: { operationId: 'getWorkflow', summary: 'Get a workflow', pathParams: id, responses: { 200: { description: 'The workflow.', body: { schema: one, examples: oneExample('An active workflow', WORKFLOW_EXAMPLE) } } }, errors: ['not_found'] },
      put: {
        operationId: 'replaceWorkflow',
        summary: 'Replace a workflow',
        description:
          'Sends the whole workflow. A changed trigger or chain is a new `version` (runs already started finish on theirs); a rename alone is not. An active workflow must still pass activation’s checks (422 field by field otherwise) and stays active.',
        pathParams: id,
        body: {
          schema: workflowInputSchema,
          description: BODY_DESCRIPTION,
          examples: {
            wait: {
              summary: 'Wait a day before the email',
              value: { ...WORKFLOW_INPUT_EXAMPLE, name: 'Promo code, a day later', blocks: [WORKFLOW_INPUT_EXAMPLE.blocks[0], { id: 'e_0a9b8c7d6e5f40312a3b4c5d6e7f8091', kind: 'delay', amount: 1, unit: 'days' }, WORKFLOW_INPUT_EXAMPLE.blocks[1]] },
            },
          },
        },
        responses: {
          200: {
            description: 'The workflow as it is now.',
            body: {
              schema: one,
              examples: oneExample('Version 2, with the delay', {
                ...WORKFLOW_EXAMPLE,
                name: 'Promo code, a day later',
                version: 2,
                blocks: [WORKFLOW_EXAMPLE.blocks[0], { id: 'e_0a9b8c7d6e5f40312a3b4c5d6e7f8091', kind: 'delay', amount: 1, unit: 'days' }, WORKFLOW_EXAMPLE.blocks[1]],
                updatedAt: '2026-11-21T08:30:00.000Z',
              }),
            },
          },
        },
        errors: ['bad_request', 'not_found', 'conflict', 'payload_too_large', 'unsupported_media_type', 'unprocessable_entity'],
        errorExamples: { conflict: nameTaken, unprocessable_entity: { ...saveInvalid, activeInvalid: { ...activationRefused, summary: 'An active workflow that would no longer pass activation' } } },
      },
      delete: { operationId: 'deleteWorkflow', summary: 'Delete a workflow', description: 'Its versions and launch history go with it.', pathParams: id, responses: { 204: { description: 'Deleted.' } }, errors: ['not_found'] },
    },
    '/workflows/[id]/activate': {
      post: {
        operationId: 'activateWorkflow',
        summary: 'Activate a workflow',
        description:
          'From now on its trigger’s events start runs. Refused, field by field with the editor’s paths, unless it has a trigger, at least one block, on every webhook block a webhook of the account that is not deleted and one of Contact ID, Phone or Contact Email, and templates that parse. Activating an active workflow changes nothing.',
        pathParams: id,
        responses: { 200: { description: 'The workflow, active.', body: { schema: one, examples: oneExample('Active', WORKFLOW_EXAMPLE) } } },
        errors: ['not_found', 'unprocessable_entity'],
        errorExamples: { unprocessable_entity: { refused: activationRefused } },
      },
    },
    '/workflows/[id]/deactivate': {
      post: {
        operationId: 'deactivateWorkflow',
        summary: 'Deactivate a workflow',
        description: 'No new runs start; runs already started finish.',
        pathParams: id,
        responses: { 200: { description: 'The workflow, inactive.', body: { schema: one, examples: oneExample('Inactive', { ...WORKFLOW_EXAMPLE, active: false }) } } },
        errors: ['not_found'],
      },
    },
    '/workflows/[id]/runs': {
      get: {
        operationId: 'listWorkflowRuns',
        summary: 'List a workflow’s runs (launch history)',
        description: 'Newest first, keyset-paginated: pass `nextCursor` back as `cursor` for the next page (with the same filters). `email` and `eventKey` match anywhere, case-insensitively; `from` is inclusive, `to` exclusive and must be after `from`.',
        pathParams: id,
        query: runListQuerySchema,
        responses: { 200: { description: 'A page of runs.', body: { schema: z.object({ runs: z.array(runViewSchema), nextCursor: z.string().nullable() }), examples: { page: { summary: 'One run', value: { runs: [WORKFLOW_RUN_EXAMPLE], nextCursor: null } } } } } },
        errors: ['not_found', 'unprocessable_entity'],
      },
    },
    '/workflows/[id]/runs/[runId]': {
      get: {
        operationId: 'getWorkflowRun',
        summary: 'Get a run',
        description: 'The run with what each block did, in order (a retried webhook has a step per try): the request sent (credentials masked) and the answer, the data it added to `$data`, the message rendered.',
        pathParams: { ...id, runId: 'The run’s id.' },
        responses: { 200: { description: 'The run.', body: { schema: z.object({ run: runDetailSchema }), examples: { run: { summary: 'WH5 answered a promo code, the email showed it', value: { run: WORKFLOW_RUN_DETAIL_EXAMPLE } } } } } },
        errors: ['not_found'],
      },
    },
  },
};
