import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ACTIVITY_FIELDS,
  ACTIVITY_STATUSES,
  MAX_ACTIVITIES_PER_REQUEST,
  MEDIA_TYPES,
  REQUIRED_ACTIVITY_FIELDS,
  activitySchema,
  ingestBodySchema,
  toActivityArray,
} from '@/lib/activities/schema';
import { SEED_000_BULK_CAMPAIGN, SEED_001_ALL_STATUSES, SEED_EXAMPLES, type SeedActivity } from '../support/seed-examples';
import { DEMO_ACTIVITIES, DEMO_BODY } from '@/lib/activities/demo-body';
import { zodFieldErrors } from '@/lib/http/errors';

const allSeedObjects = SEED_EXAMPLES.flatMap((e) => e.activities);
const sample = (): SeedActivity => structuredClone(SEED_000_BULK_CAMPAIGN[0]);
const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The issues of a failed parse, as [path, message] pairs. */
function issues(schema: z.ZodType, input: unknown): [PropertyKey[], string][] {
  const result = schema.safeParse(input);
  expect(result.success, 'expected the input to be rejected').toBe(false);
  return result.error!.issues.map((i) => [i.path, i.message]);
}

describe('seed examples', () => {
  it('holds every example of seeds 000–003, with the expected sizes', () => {
    expect(SEED_EXAMPLES.map((e) => [e.name, e.activities.length])).toEqual([
      ['eSputnik · Bulk campaign', 4],
      ['eSputnik · Triggered campaign', 3],
      ['eSputnik · All statuses', 8],
      ['Yespo docs · Bulk campaign', 4],
      ['Yespo docs · Triggered campaign', 3],
      ['Yespo Data export · Broadcast', 4],
      ['Yespo Data export · Triggered campaign', 3],
    ]);
    for (const e of SEED_EXAMPLES) expect(e.source).toMatch(/^seeds\/00[0-3]_[0-9a-f]{16}\.txt › /);
    // Cloudflare's obfuscated addresses are part of the seeds and must be accepted as they are.
    expect(allSeedObjects.filter((a) => a.email === '[email protected]').length).toBeGreaterThan(0);
  });

  describe.each(SEED_EXAMPLES)('$name', ({ activities }) => {
    it('validates object by object, and round-trips unchanged', () => {
      for (const activity of activities) {
        const parsed = activitySchema.parse(activity);
        expect(roundTrip(parsed)).toStrictEqual(activity);
      }
    });

    it('validates as an ingest body, keeping order, keys and key order', () => {
      const parsed = ingestBodySchema.parse(roundTrip(activities));
      expect(parsed).toHaveLength(activities.length);
      expect(roundTrip(parsed)).toStrictEqual(activities);
      expect(JSON.stringify(parsed)).toBe(JSON.stringify(activities));
    });
  });

  it('uses only the statuses and media types Hookline knows', () => {
    for (const a of allSeedObjects) {
      expect(ACTIVITY_STATUSES).toContain(a.activityStatus);
      expect(MEDIA_TYPES).toContain(a.mediaType);
      for (const key of Object.keys(a)) expect(ACTIVITY_FIELDS).toContain(key);
    }
  });

  it('requires only fields that every seed example carries', () => {
    const common = allSeedObjects
      .map((a) => new Set(Object.keys(a)))
      .reduce((acc, keys) => new Set([...acc].filter((k) => keys.has(k))));
    for (const field of REQUIRED_ACTIVITY_FIELDS) expect(common).toContain(field);
    for (const field of REQUIRED_ACTIVITY_FIELDS) {
      const activity = sample();
      delete activity[field];
      expect(issues(activitySchema, activity)).toEqual([[[field], 'Required']]);
    }
  });
});

describe('Send test demo body', () => {
  it('is made of seed objects, unchanged but for real-looking addresses, covering several channels and statuses', () => {
    const withoutEmail = ({ email: _email, ...rest }: SeedActivity) => JSON.stringify(rest);
    const seedJson = new Set(allSeedObjects.map(withoutEmail));
    for (const a of DEMO_ACTIVITIES) expect(seedJson.has(withoutEmail(a))).toBe(true);
    // The seed pages' "[email protected]" (an artefact of their web page) is not an address.
    expect(DEMO_BODY).not.toMatch(/protected\]/);
    for (const a of DEMO_ACTIVITIES) if ('email' in a) expect(a.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(new Set(DEMO_ACTIVITIES.map((a) => a.mediaType))).toEqual(new Set(['email', 'sms', 'viber']));
    expect(new Set(DEMO_ACTIVITIES.map((a) => a.activityStatus))).toEqual(new Set(ACTIVITY_STATUSES.filter((s) => s !== 'SENT')));
    expect(ingestBodySchema.parse(JSON.parse(DEMO_BODY))).toStrictEqual(DEMO_ACTIVITIES);
  });

  it('keeps the seed objects’ own addresses where they are real', () => {
    expect(DEMO_ACTIVITIES[5]).toStrictEqual(SEED_001_ALL_STATUSES[0]);
  });
});

describe('activitySchema', () => {
  it('keeps fields it does not know, nested ones included', () => {
    const input = { ...sample(), newPlatformField: 1, nested: { a: [1, 'b', null] } };
    const parsed = activitySchema.parse(input);
    expect(parsed.newPlatformField).toBe(1);
    expect(roundTrip(parsed)).toStrictEqual(input);
    expect(roundTrip(ingestBodySchema.parse([input]))).toStrictEqual([input]);
  });

  it('accepts every field of the parameter tables with the types the seeds use', () => {
    const full = {
      ...sample(),
      bundleId: 'com.example.app',
      clickEventLink: 'https://test.ua/promo/',
      from: 'Shop',
      hardBounce: true,
      imId: 123,
      messageLanguageCode: 'uk',
      messageTag: 'tag',
      mobilepush: 'token-m',
      osName: 'Android',
      osType: 'Mobile',
      sms: '380671234567',
      sourceEventId: 77,
      sourceEventKey: 'k',
      sourceEventTypeKey: 'orderCreated',
      statusData: { subscription: { subscriptions: ['TABLETS'] } },
      statusDescription: 'IM_NO_MONEY',
      subscription: { subscriptions: ['LAPTOPS'] },
      subscriptions: ['SMARTPHONES', 'TABLETS'],
      viber: '380671234567',
      webpush: 'token-w',
      workflowBlockId: '_05cae26d9ae85e1eb40ed34765f9c7be',
      workflowId: 340484,
      workflowInstanceId: 9001,
    };
    expect(Object.keys(full).sort()).toEqual([...ACTIVITY_FIELDS].sort());
    expect(roundTrip(activitySchema.parse(full))).toStrictEqual(full);
    expect(activitySchema.parse({ ...full, workflowInstanceId: 'da33697d-52d8-11ee-9d24-7ec2059b5114' }).workflowInstanceId).toBe(
      'da33697d-52d8-11ee-9d24-7ec2059b5114',
    );
  });

  it.each(['2023-09-14T08:30:03', '2023-09-14T08:30:03Z', '2023-09-14T08:30:03.123', '2023-09-14T08:30:03.123456+03:00', '2024-02-29T23:59:59-05:00'])(
    'accepts the date-time %s',
    (activityDateTime) => {
      expect(activitySchema.safeParse({ ...sample(), activityDateTime }).success).toBe(true);
    },
  );

  it.each(['garbage', '2023-09-14', '14.09.2023 08:30:03', '2023-09-14 08:30:03', '2023-02-30T08:30:03', '2023-09-14T25:00:00', '2023-09-14T08:30:03+0300', 1694680203])(
    'refuses the date-time %s',
    (activityDateTime) => {
      expect(issues(activitySchema, { ...sample(), activityDateTime })).toEqual([
        [['activityDateTime'], 'Must be an ISO 8601 date-time, e.g. 2023-09-14T08:30:03'],
      ]);
    },
  );

  it('refuses wrong types with short messages', () => {
    const bad = {
      ...sample(),
      activityStatus: 'OPENED',
      mediaType: 'EMAIL',
      broadcastId: 1.5,
      hardBounce: 'false',
      email: 42,
      statusData: [],
      subscriptions: ['A', 2],
      workflowInstanceId: true,
    };
    expect(issues(activitySchema, bad)).toEqual([
      [['activityStatus'], 'Must be one of SENT, DELIVERED, UNDELIVERED, READ, CLICKED, UNSUBSCRIBED, SPAM, SUBSCRIPTION_CHANGED'],
      [['broadcastId'], 'Must be a whole number'],
      [['email'], 'Must be a string'],
      [['hardBounce'], 'Must be true or false'],
      [['mediaType'], 'Must be one of email, sms, webpush, viber, mobilepush, appinbox, widget, inapp, telegram'],
      [['statusData'], 'Must be an object'],
      [['subscriptions', 1], 'Must be a string'],
      [['workflowInstanceId'], 'Must be a string or a whole number'],
    ]);
  });

  it('refuses a number sent as a string (no coercion)', () => {
    expect(issues(activitySchema, { ...sample(), contactId: '1967597908' })).toEqual([[['contactId'], 'Must be a number']]);
  });

  it('refuses what is not an object', () => {
    for (const input of ['hello', 42, null, [sample()]]) {
      expect(issues(activitySchema, input)).toEqual([[[], 'Must be an activity object']]);
    }
  });
});

describe('ingestBodySchema', () => {
  it('normalises one object to an array of one', () => {
    const one = sample();
    expect(ingestBodySchema.parse(one)).toStrictEqual([one]);
    expect(toActivityArray(one)).toStrictEqual([one]);
    expect(toActivityArray(SEED_001_ALL_STATUSES)).toHaveLength(8);
  });

  it('points at the object and field of an array: wrong activityStatus', () => {
    const body = [sample(), sample(), { ...sample(), activityStatus: 'OPENED' }];
    expect(issues(ingestBodySchema, body)).toEqual([
      [[2, 'activityStatus'], 'Must be one of SENT, DELIVERED, UNDELIVERED, READ, CLICKED, UNSUBSCRIBED, SPAM, SUBSCRIPTION_CHANGED'],
    ]);
  });

  it('points at the field of a single object', () => {
    expect(issues(ingestBodySchema, { ...sample(), activityStatus: 'delivered' })).toEqual([
      [['activityStatus'], 'Must be one of SENT, DELIVERED, UNDELIVERED, READ, CLICKED, UNSUBSCRIBED, SPAM, SUBSCRIPTION_CHANGED'],
    ]);
  });

  it('refuses a number given as a string', () => {
    expect(issues(ingestBodySchema, [{ ...sample(), messageId: '2489300' }])).toEqual([[[0, 'messageId'], 'Must be a number']]);
  });

  it('refuses a missing activityDateTime', () => {
    const missing = sample();
    delete missing.activityDateTime;
    expect(issues(ingestBodySchema, [sample(), missing])).toEqual([[[1, 'activityDateTime'], 'Required']]);
  });

  it('refuses a bad date', () => {
    expect(issues(ingestBodySchema, [sample(), sample(), sample(), { ...sample(), activityDateTime: '2023-09-14 08:30' }])).toEqual([
      [[3, 'activityDateTime'], 'Must be an ISO 8601 date-time, e.g. 2023-09-14T08:30:03'],
    ]);
  });

  it(`accepts ${MAX_ACTIVITIES_PER_REQUEST} objects and refuses ${MAX_ACTIVITIES_PER_REQUEST + 1}`, () => {
    const many = Array.from({ length: MAX_ACTIVITIES_PER_REQUEST }, sample);
    expect(ingestBodySchema.parse(many)).toHaveLength(1000);
    // The length is checked first: one error, not one per object.
    expect(issues(ingestBodySchema, [...many, 'not even an object'])).toEqual([[[], 'At most 1000 activities per request; split the batch']]);
  });

  it('refuses an empty array', () => {
    expect(issues(ingestBodySchema, [])).toEqual([[[], 'Send at least one activity']]);
  });

  it('refuses a body that is not an object or an array', () => {
    for (const body of ['hello', 42, null, true, undefined]) {
      expect(issues(ingestBodySchema, body)).toEqual([[[], 'Must be an activity object or an array of them']]);
    }
  });

  it('refuses an array element that is not an object', () => {
    expect(issues(ingestBodySchema, [sample(), 'hello', [sample()]])).toEqual([
      [[1], 'Must be an activity object'],
      [[2], 'Must be an activity object'],
    ]);
  });

  it('reports every error of every object, formatted as the API shows them', () => {
    const body = [sample(), { ...sample(), contactId: 'x' }, sample(), { ...sample(), activityStatus: 'OPENED', mediaType: 'fax' }];
    const result = ingestBodySchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(zodFieldErrors(result.error!)).toEqual({
      '1.contactId': ['Must be a number'],
      '3.activityStatus': ['Must be one of SENT, DELIVERED, UNDELIVERED, READ, CLICKED, UNSUBSCRIBED, SPAM, SUBSCRIPTION_CHANGED'],
      '3.mediaType': ['Must be one of email, sms, webpush, viber, mobilepush, appinbox, widget, inapp, telegram'],
    });
    expect(() => toActivityArray(body)).toThrow(z.ZodError);
  });
});
