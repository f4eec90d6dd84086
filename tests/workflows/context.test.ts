// The one Velocity context of workflows (lib/workflows/context.ts): the seed's two expressions, the
// contact's fields, the event's params, missing values, quiet references, HTML escaping, limits.
import { describe, expect, it } from 'vitest';
import { contactContext, previewDataExpression, renderMessage } from '@/lib/workflows/context';
import { VelocityError } from '@/lib/templates/velocity';

const contact = { id: 'c1', email: 'ann@example.test', phone: null, externalCustomerId: 'ext-1', firstName: 'Ann', lastName: null, fields: { TOWN: 'Kyiv', AGE: 31, email: 'shadow@example.test', EMPTY: null } };
const data = { WH5: { promocode: 'SPRING-42' }, contacts_get_by_email: [{ id: '7731.9' }] };

describe('workflow Velocity context', () => {
  it('renders both seed expressions', () => {
    const m = renderMessage({ channel: 'sms', subject: '', body: "$data.get('WH5').get('promocode') $!mathTool.toInteger($data.contacts_get_by_email.get(0).id)" }, { data });
    expect(m).toEqual({ subject: null, body: 'SPRING-42 7731' });
  });

  it('$contact holds standard and additional fields (values as stored), the standard ones winning; $event the params', () => {
    expect(contactContext(contact)).toEqual({ TOWN: 'Kyiv', AGE: 31, id: 'c1', email: 'ann@example.test', externalCustomerId: 'ext-1', firstName: 'Ann' });
    const m = renderMessage(
      { channel: 'email', subject: 'Hi $contact.firstName', body: '$contact.email $contact.TOWN $mathTool.add($contact.AGE, 1) $event.order.total #foreach($i in $event.items)[$i]#end' },
      { contact, event: { order: { total: 12.5 }, items: ['a', 'b'] } },
    );
    expect(m).toEqual({ subject: 'Hi Ann', body: 'ann@example.test Kyiv 32 12.5 [a][b]' });
  });

  it('a missing value renders as typed, a quiet one as nothing; email bodies escape inserted values, subjects and SMS do not', () => {
    const ctx = { data: { W: { html: '<b>&"' } }, contact };
    expect(renderMessage({ channel: 'email', subject: '$data.W.html $data.W.none', body: '<p>$data.W.html|$!data.W.none|$contact.phone</p>' }, ctx)).toEqual({
      subject: '<b>&" $data.W.none',
      body: '<p>&lt;b&gt;&amp;&quot;||$contact.phone</p>',
    });
    expect(renderMessage({ channel: 'sms', subject: 'ignored', body: '$data.W.html' }, ctx).body).toBe('<b>&"');
  });

  it('limits end a runaway template with an error, not a stuck worker', () => {
    expect(() => renderMessage({ channel: 'sms', subject: '', body: '#foreach($i in [1..100000000])x#end' }, {})).toThrow(VelocityError);
    expect(() => renderMessage({ channel: 'sms', subject: '', body: '#if($x' }, {})).toThrow(/cannot be read/);
  });

  it("the Manage Webhook dialog's suggestions preview through the same context", () => {
    expect(previewDataExpression("$data.get('WH5').get('promocode')", 'WH5', { promocode: 'X1' })).toEqual({ ok: true, value: 'X1' });
    expect(previewDataExpression('#if(', 'WH5', {})).toMatchObject({ ok: false });
  });
});
