// Contacts and segments: the contact card workflow webhooks read (${contact.email}, ${contact.TOWN}),
// and named filters over it ("TOWN = Kyiv"). Browser-safe: the forms, the handlers and the tests
// share these schemas.
import { z } from 'zod';

/** The contact's own columns; everything else (TOWN, BIRTHDAY, additional fields) lives in `fields`. */
export const STANDARD_KEYS = ['email', 'phone', 'externalCustomerId', 'firstName', 'lastName'] as const;
export type StandardKey = (typeof STANDARD_KEYS)[number];
/** Keys `fields` may not use: they would shadow a column (or the id) in `contactVariables`. */
const RESERVED_FIELD_KEYS = new Set<string>([...STANDARD_KEYS, 'id']);

/** Standard fields of the contact card that the screens offer by name. */
export const SUGGESTED_FIELDS = ['TOWN', 'BIRTHDAY'] as const;

export const MAX_FIELDS = 100;
const MAX_FIELD_VALUE = 1000;

// ---- contact input ---------------------------------------------------------------------------

/** A trimmed string; null and "" count as not given. `check` validates what is left (email, phone). */
const given = (max: number) => z.string({ error: 'Must be a string' }).trim().max(max, `At most ${max} characters`).nullable().optional();

const createText = (max: number, check: z.ZodType<string, string> = z.string()) =>
  given(max)
    .transform((v) => v || undefined)
    .pipe(check.optional());

/** For PATCH: absent keeps the value, null or "" clears it. */
const updateText = (max: number, check: z.ZodType<string, string> = z.string()) =>
  given(max)
    .transform((v) => (v === '' ? null : v))
    .pipe(check.nullable().optional());

const EMAIL = () => z.email('Enter a valid email address');
const PHONE = () => z.string().regex(/^\+?[\d\s().-]{3,}$/, 'Enter a phone number: digits, optionally with +, spaces, dashes or brackets');
const LIMITS = { email: 320, phone: 32, externalCustomerId: 200, firstName: 100, lastName: 100 } as const;

export const fieldKeySchema = z
  .string({ error: 'Must be a string' })
  .trim()
  .min(1, { message: 'Name the field', abort: true })
  .max(100, 'At most 100 characters')
  .regex(/^[^\u0000-\u001f]+$/, 'No control characters');

/** A value in `fields`. null removes the field on update (and is dropped on create). */
export const fieldValueSchema = z.union([z.string().max(MAX_FIELD_VALUE, `At most ${MAX_FIELD_VALUE} characters`), z.number(), z.boolean(), z.null()], {
  error: 'Must be a string, a number, true/false or null',
});
export type FieldValue = z.infer<typeof fieldValueSchema>;

/** Standard fields (TOWN, BIRTHDAY …) and additional fields as free key/values. */
export const fieldsSchema = z
  .record(z.string(), fieldValueSchema, { error: 'Must be an object of field names to values' })
  .superRefine((fields, ctx) => {
    const keys = Object.keys(fields);
    if (keys.length > MAX_FIELDS) ctx.addIssue({ code: 'custom', message: `At most ${MAX_FIELDS} fields` });
    for (const key of keys) {
      const checked = fieldKeySchema.safeParse(key);
      if (!checked.success) ctx.addIssue({ code: 'custom', path: [key], message: `Field name: ${checked.error.issues[0].message}` });
      else if (checked.data !== key) ctx.addIssue({ code: 'custom', path: [key], message: 'Field name: no spaces at the start or end' });
      else if (RESERVED_FIELD_KEYS.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `“${key}” is a contact property, not a field; set it directly` });
    }
  });

const IDENTIFIER_MESSAGE = 'Give an email, a phone or an external customer ID';

/** POST /contacts. Empty strings and null field values count as not given. */
export const contactCreateSchema = z
  .object({
    email: createText(LIMITS.email, EMAIL()),
    phone: createText(LIMITS.phone, PHONE()),
    externalCustomerId: createText(LIMITS.externalCustomerId),
    firstName: createText(LIMITS.firstName),
    lastName: createText(LIMITS.lastName),
    fields: fieldsSchema
      .optional()
      .transform((f) => Object.fromEntries(Object.entries(f ?? {}).filter(([, v]) => v !== null && v !== '')) as Record<string, string | number | boolean>),
  })
  .superRefine((c, ctx) => {
    if (!c.email && !c.phone && !c.externalCustomerId) ctx.addIssue({ code: 'custom', path: ['email'], message: IDENTIFIER_MESSAGE });
  });
export type ContactCreateInput = z.input<typeof contactCreateSchema>;
export type ContactCreate = z.output<typeof contactCreateSchema>;

/** PATCH /contacts/:id: only the keys sent change; `fields` is merged (a null value removes the field). */
export const contactUpdateSchema = z.object({
  email: updateText(LIMITS.email, EMAIL()),
  phone: updateText(LIMITS.phone, PHONE()),
  externalCustomerId: updateText(LIMITS.externalCustomerId),
  firstName: updateText(LIMITS.firstName),
  lastName: updateText(LIMITS.lastName),
  fields: fieldsSchema.optional(),
});
export type ContactUpdateInput = z.input<typeof contactUpdateSchema>;
export type ContactUpdate = z.output<typeof contactUpdateSchema>;

/** The message a contact gets when a change would leave it without any identifier. */
export const NO_IDENTIFIER_MESSAGE = IDENTIFIER_MESSAGE;

// ---- views -------------------------------------------------------------------------------------

export const contactViewSchema = z.object({
  id: z.uuid(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  externalCustomerId: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  /** Standard (TOWN, BIRTHDAY) and additional fields. */
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  createdAt: z.iso.datetime(),
});
export type ContactView = z.infer<typeof contactViewSchema>;
export type ContactFields = ContactView['fields'];

export const contactPageSchema = z.object({ contacts: z.array(contactViewSchema), nextCursor: z.string().nullable() });
export type ContactPage = z.infer<typeof contactPageSchema>;

/**
 * The variables a workflow template reads as `${contact.X}`: `id`, `email`, `phone`,
 * `externalCustomerId`, `firstName`, `lastName` and every key of `fields` (`TOWN`, `BIRTHDAY` …), all
 * as strings (numbers and booleans via String()). A property or field that is not set (null) is left
 * out, so the template renders it as "" and lists it as missing (`contact.TOWN`).
 */
export function contactVariables(contact: ContactView): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(contact.fields)) if (value !== null) vars[key] = String(value);
  vars.id = contact.id;
  for (const key of STANDARD_KEYS) {
    const value = contact[key];
    if (value !== null) vars[key] = value;
    else delete vars[key];
  }
  return vars;
}

/** "Olena Shevchenko", or the email / phone / external id when the contact has no name. */
export function contactDisplayName(c: Pick<ContactView, 'firstName' | 'lastName' | 'email' | 'phone' | 'externalCustomerId'>): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || c.externalCustomerId || 'Unnamed contact';
}

// ---- search -------------------------------------------------------------------------------------

export const CONTACT_PAGE_MAX = 100;

export const contactSearchSchema = z.object({
  /** Matches email, phone, first, last or full name: case-insensitive, anywhere in the value. */
  q: z
    .string()
    .trim()
    .max(200, 'At most 200 characters')
    .transform((v) => v || undefined)
    .optional(),
  segmentId: z.uuid('Not a segment id').optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int('Must be a whole number').min(1, 'At least 1').max(CONTACT_PAGE_MAX, `At most ${CONTACT_PAGE_MAX}`).default(25),
});
export type ContactSearch = z.output<typeof contactSearchSchema>;
export type ContactSearchInput = z.input<typeof contactSearchSchema>;

// ---- segments -------------------------------------------------------------------------------------

export const SEGMENT_OPS = ['eq', 'neq', 'contains', 'exists'] as const;
export type SegmentOp = (typeof SEGMENT_OPS)[number];
export const SEGMENT_OP_LABELS: Record<SegmentOp, string> = { eq: 'is', neq: 'is not', contains: 'contains', exists: 'is set' };

/**
 * One condition: `field` is a contact property (email, phone, firstName, lastName,
 * externalCustomerId) or any key of `fields` (TOWN …). eq / neq / contains compare as text,
 * case-insensitively; exists means set and not empty. `neq` also matches contacts without the field.
 */
export const segmentConditionSchema = z
  .object({
    field: fieldKeySchema,
    op: z.enum(SEGMENT_OPS, { error: `Must be one of ${SEGMENT_OPS.join(', ')}` }),
    value: z.string({ error: 'Must be a string' }).trim().max(MAX_FIELD_VALUE, `At most ${MAX_FIELD_VALUE} characters`).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.op !== 'exists' && !c.value) ctx.addIssue({ code: 'custom', path: ['value'], message: 'Give a value to compare with' });
  })
  .transform((c) => (c.op === 'exists' ? { field: c.field, op: c.op } : c));
export type SegmentCondition = z.output<typeof segmentConditionSchema>;

export const segmentCreateSchema = z.object({
  name: z.string({ error: 'Must be a string' }).trim().min(1, 'Give the segment a name').max(100, 'At most 100 characters'),
  conditions: z.array(segmentConditionSchema, { error: 'Must be a list of conditions' }).min(1, 'Add at least one condition').max(20, 'At most 20 conditions'),
});
export type SegmentCreateInput = z.input<typeof segmentCreateSchema>;
export type SegmentCreate = z.output<typeof segmentCreateSchema>;

export type SegmentView = { id: string; name: string; conditions: SegmentCondition[]; createdAt: string };

/** "TOWN is Kyiv and email contains @gmail" */
export function describeConditions(conditions: SegmentCondition[]): string {
  return conditions.map((c) => (c.op === 'exists' ? `${c.field} ${SEGMENT_OP_LABELS[c.op]}` : `${c.field} ${SEGMENT_OP_LABELS[c.op]} ${c.value}`)).join(' and ');
}
