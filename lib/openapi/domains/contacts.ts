import { z } from 'zod';
import { contactCreateSchema, contactPageSchema, contactSearchSchema, contactUpdateSchema, contactViewSchema } from '@/lib/contacts/schema';
import type { DomainSpec } from '../define';
import { CONTACT_EXAMPLE } from '../examples';

const one = z.object({ contact: contactViewSchema });
const { id: _id, createdAt: _c, ...createExample } = CONTACT_EXAMPLE;
const id = { id: 'The contact’s id.' };

export const contacts: DomainSpec = {
  tag: { name: 'Contacts', description: 'The contact card workflow templates read as ${contact.X}.' },
  schemas: { Contact: contactViewSchema },
  paths: {
    '/contacts': {
      get: {
        operationId: 'searchContacts',
        summary: 'Search contacts',
        description: '`q` matches email, phone, first, last or full name (case-insensitive, anywhere); `segmentId` narrows to a segment.',
        query: contactSearchSchema,
        responses: { 200: { description: 'A page of contacts.', body: { schema: contactPageSchema, examples: { page: { summary: 'One contact', value: { contacts: [CONTACT_EXAMPLE], nextCursor: null } } } } } },
        errors: ['unprocessable_entity'],
      },
      post: {
        operationId: 'createContact',
        summary: 'Create a contact',
        description: 'Give at least an email, a phone or an external customer ID. Empty strings and null fields count as not given.',
        body: { schema: contactCreateSchema, examples: { contact: { summary: 'A contact with fields', value: createExample } } },
        responses: { 201: { description: 'Created.', body: { schema: one, examples: { created: { summary: 'The new contact', value: { contact: CONTACT_EXAMPLE } } } } } },
        errors: ['bad_request', 'conflict', 'payload_too_large', 'unsupported_media_type', 'unprocessable_entity'],
      },
    },
    '/contacts/[id]': {
      get: {
        operationId: 'getContact',
        summary: 'Get a contact',
        pathParams: id,
        responses: { 200: { description: 'The contact.', body: { schema: one, examples: { contact: { summary: 'A contact', value: { contact: CONTACT_EXAMPLE } } } } } },
        errors: ['not_found'],
      },
      patch: {
        operationId: 'updateContact',
        summary: 'Update a contact',
        description: 'Only the keys sent change; null or "" clears a property; `fields` is merged (a null value removes that field).',
        pathParams: id,
        body: { schema: contactUpdateSchema, examples: { town: { summary: 'Move to Lviv, drop the birthday', value: { fields: { TOWN: 'Lviv', BIRTHDAY: null } } } } },
        responses: {
          200: { description: 'The contact as it is now.', body: { schema: one, examples: { contact: { summary: 'Updated', value: { contact: { ...CONTACT_EXAMPLE, fields: { TOWN: 'Lviv' } } } } } } },
        },
        errors: ['bad_request', 'not_found', 'conflict', 'payload_too_large', 'unsupported_media_type', 'unprocessable_entity'],
      },
    },
  },
};
