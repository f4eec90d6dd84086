// Where a Velocity template stops parsing, as activation reports it: the parser (velocityjs, jison)
// names the line but not a usable column, so the place is found from the text its message quotes.
import { describe, expect, it } from 'vitest';
import { preview, velocitySyntaxProblem } from '@/lib/templates/velocity';

describe('velocitySyntaxProblem', () => {
  it('is null for templates that parse, the seed examples included', () => {
    for (const t of ['', 'plain text', "Code: $data.get('WH5').get('promocode')", '$!mathTool.toInteger($data.contacts_get_by_email.get(0).id)', '#if($a)x#else y#end', '#foreach($i in [1..3])$i#end']) {
      expect(velocitySyntaxProblem(t), t).toBeNull();
    }
  });

  const cases: [string, string, number, number, RegExp][] = [
    ['a short line', '#set($a = )', 1, 11, /unexpected “\)”/],
    ['the second line', 'Dear $name,\n#if($a == )\nx#end', 2, 11, /unexpected “\)”/],
    ['after blank lines', 'Hi\n\n\n#if($a == )', 4, 11, /unexpected “\)”/],
    ['indented', 'line1\n  line2 #set($a = )', 2, 19, /unexpected “\)”/],
    ['a line longer than the quoted 20 characters', `${'x'.repeat(200)} #set($a = )`, 1, 212, /unexpected “\)”/],
    ['the same text earlier on another line', '#set($a = 1)\n#set($a = )', 2, 11, /unexpected “\)”/],
    ['an unclosed reference at the end', 'hello\nworld $!{contact.x', 2, 19, /ends before the expression is closed/],
    ['an unclosed call', 'x $mathTool.toInteger($data.a.get(0).id', 1, 40, /ends before the expression is closed/],
  ];
  for (const [label, template, line, column, message] of cases) {
    it(`finds the place: ${label}`, () => {
      const p = velocitySyntaxProblem(template);
      expect(p).toMatchObject({ line, column });
      expect(p!.message).toMatch(message);
    });
  }

  it('renders report the same place', () => {
    expect(preview('Dear $name,\n#if($a == )\nx#end')).toEqual({ ok: false, error: 'The template cannot be read (line 2, column 11): unexpected “)”' });
  });
});
