// The Velocity renderer shared by the $data preview and (next) workflow messages: the seed's own
// expressions, missing values, quiet references, HTML escaping and the limits.
import { describe, expect, it } from 'vitest';
import { MAX_RANGE, MAX_STEPS, MAX_TEMPLATE_LENGTH, VelocityError, preview, render } from '@/lib/templates/velocity';

const data = {
  contacts_get_by_email: [{ id: '1967597908', email: 'olena@example.com' }],
  WH5: { promocode: 'SPRING-25', discount: 12.5, items: ['a', 'b', 'c'] },
};
const kind = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof VelocityError) return e.kind;
    throw e;
  }
  return null;
};

describe('Velocity templates', () => {
  it('renders the seed’s expressions', () => {
    expect(render("$!mathTool.toInteger($data.contacts_get_by_email.get(0).id)", { data })).toBe('1967597908');
    expect(render("$data.get('WH5').get('promocode')", { data })).toBe('SPRING-25');
    expect(render('Code: $data.WH5.promocode, ${data.WH5.items.size()} items, first $data.WH5.items.get(0)', { data })).toBe('Code: SPRING-25, 3 items, first a');
  });

  it('gives $contact, $event, #if/#else, #foreach and #set', () => {
    const t = "#set($n = $mathTool.add($data.WH5.discount, 1))#if($contact.TOWN == 'Kyiv')Привіт#{else}Hi#end $contact.firstName: #foreach($i in $data.WH5.items)$i#if($foreach.hasNext),#end#end ($n, $event.productId)";
    expect(render(t, { data, contact: { firstName: 'Olena', TOWN: 'Kyiv' }, event: { productId: 'SKU-1' } })).toBe('Привіт Olena: a,b,c (13.5, SKU-1)');
    expect(render(t, { data, contact: { firstName: 'Bob', TOWN: 'Lviv' }, event: { productId: 'SKU-1' } })).toBe('Hi Bob: a,b,c (13.5, SKU-1)');
  });

  it('renders a missing value as typed, and a quiet reference as nothing', () => {
    expect(render("[$data.get('WH9').get('promocode')]", { data })).toBe("[$data.get('WH9').get('promocode')]");
    expect(render("[$!data.get('WH9').get('promocode')]", { data })).toBe('[]');
    expect(render('[$!contact.TOWN][$contact.TOWN]', {})).toBe('[][$contact.TOWN]');
    expect(render("[$!mathTool.toInteger('abc')]", {})).toBe('[]');
  });

  it('has the math and date tools', () => {
    expect(render('$mathTool.roundTo(2, $mathTool.div(10, 3)) $mathTool.mul(2, 3) $mathTool.sub(2, 3) [$!mathTool.div(1, 0)]', {})).toBe('3.33 6 -1 []');
    const now = new Date('2026-12-01T21:05:09.123Z');
    expect(render("$dateTool.get('yyyy-MM-dd HH:mm') $dateTool.format('dd.MM.yyyy', '2024-05-08T13:41:52Z')", { now })).toBe('2026-12-01 21:05 08.05.2024');
  });

  it('escapes values for HTML on request, never the template’s own markup', () => {
    const contact = { firstName: '<b>Eve</b> & "co"' };
    expect(render('<p>$contact.firstName $!contact.firstName</p>', { contact }, { html: true })).toBe('<p>&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;co&quot; &lt;b&gt;Eve&lt;/b&gt; &amp; &quot;co&quot;</p>');
    expect(render('$contact.firstName', { contact })).toBe('<b>Eve</b> & "co"');
  });

  it('does not let a template change the caller’s data', () => {
    const mine = structuredClone(data);
    render("#set($x = $data.WH5.put('promocode', 'HACKED'))$data.WH5.promocode", { data: mine });
    expect(mine.WH5.promocode).toBe('SPRING-25');
  });

  it('enforces its limits', () => {
    expect(kind(() => render('x'.repeat(MAX_TEMPLATE_LENGTH + 1)))).toBe('too_large');
    expect(kind(() => render(`#foreach($i in [1..${MAX_RANGE + 1}])#end`))).toBe('range_too_large');
    expect(kind(() => render(`#foreach($i in [1..${MAX_RANGE}])#foreach($j in [1..${MAX_RANGE}])$j#end#end`))).toMatch(/too_many_steps|too_slow/);
    expect(kind(() => render('#set($s = "xxxxxxxxxxxxxxxx")#foreach($i in [1..40])#set($s = "$s$s")#end'))).toMatch(/output_too_large|too_many_steps/);
    expect(MAX_STEPS).toBeGreaterThan(1000);
  });

  it('reports a syntax error as a sentence', () => {
    const r = preview('#if($a', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^The template cannot be read/);
  });
});
