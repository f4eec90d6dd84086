import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, errorResponse, parseBody } from '@/lib/http/errors';

const schema = z.object({ name: z.string().min(1), headers: z.array(z.object({ key: z.string().min(1) })).max(5) });
const req = (body: string) => new Request('http://localhost/x', { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('error mapping', () => {
  it('answers malformed JSON with 400', async () => {
    const res = errorResponse(await parseBody(req('{"name":'), schema).catch((e) => e));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
  });

  it('answers schema violations with 422 and field paths', async () => {
    const res = errorResponse(await parseBody(req(JSON.stringify({ name: '', headers: [{ key: 'a' }, { key: '' }] })), schema).catch((e) => e));
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe('unprocessable_entity');
    expect(Object.keys(error.fields).sort()).toEqual(['headers.1.key', 'name']);
  });

  it('keeps the status and headers of typed errors, and hides unexpected ones behind a 500', async () => {
    const limited = errorResponse(new ApiError('rate_limited', 'slow down', undefined, { 'Retry-After': '60' }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    const original = console.error;
    console.error = () => {};
    const boom = errorResponse(new Error('password=hunter2 leaked'));
    console.error = original;
    expect(boom.status).toBe(500);
    expect(JSON.stringify(await boom.json())).not.toContain('hunter2');
  });
});

describe('zod messages a schema did not word', () => {
  const webhook = z.object({ name: z.string(), connectorId: z.uuid(), method: z.enum(['GET', 'POST']), headers: z.array(z.object({ name: z.string().min(1) })) });
  it('become sentences about the field, in 422 answers too', async () => {
    const res = errorResponse(await parseBody(req(JSON.stringify({ connectorId: 'x', method: 'PUT', headers: [{ name: '' }] })), webhook).catch((e) => e));
    const { error } = await res.json();
    expect(error.fields).toEqual({
      name: ['Enter the name'],
      connectorId: ['Connector is not a valid id'],
      method: ['Method must be one of "GET", "POST"'],
      'headers.0.name': ['Enter the header name'],
    });
    expect(JSON.stringify(error.fields)).not.toMatch(/Invalid input|expected string/);
  });
  it('leave the messages a schema wrote alone', () => {
    expect(z.string({ error: 'Type your name' }).safeParse(undefined).error?.issues[0]?.message).toBe('Type your name');
    expect(z.string().min(1, 'Enter a name').safeParse('').error?.issues[0]?.message).toBe('Enter a name');
  });
});
