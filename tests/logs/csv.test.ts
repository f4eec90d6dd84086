// CSV quoting (RFC 4180) and formula neutralising for the log export, and the page's URL state.
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '@/lib/logs/csv';
import { filterFromSearchParams, filterToSearchParams } from '@/lib/logs/schema';
import { parseCsv } from './csv-parse';

describe('CSV', () => {
  it('quotes only fields that need it, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField('"')).toBe('""""');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(500)).toBe('500');
    expect(csvField(false)).toBe('false');
    expect(csvField('{"a":[1,2]}')).toBe('"{""a"":[1,2]}"');
    expect(csvField('héllo ✓')).toBe('héllo ✓');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField(-1)).toBe('-1'); // numbers are data
  });

  it('ends records with CRLF and round-trips through a strict parser', () => {
    const values = ['a', 'b,c', 'd "e"', 'f\r\ng', '', 'h'];
    const text = csvRecord(values) + csvRecord(['x', 'y']);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([values, ['x', 'y']]);
  });
});

describe('filter in the URL', () => {
  it('round-trips, leaving defaults and empty fields out', () => {
    const f = { endpointId: '5b0d6c8e-8c7e-4a53-9a43-0c1b6d1f9a10', status: '503', from: '2026-11-01T00:00:00.000Z', q: 'boom', all: true };
    const params = filterToSearchParams(f);
    expect(params.toString()).toBe('endpointId=5b0d6c8e-8c7e-4a53-9a43-0c1b6d1f9a10&status=503&from=2026-11-01T00%3A00%3A00.000Z&q=boom&all=true');
    expect(filterFromSearchParams(params)).toEqual({ ...f, to: undefined });
    expect(filterToSearchParams({ all: false, q: '' }).toString()).toBe('');
  });

  it('drops an invalid field instead of failing the page', () => {
    expect(filterFromSearchParams(new URLSearchParams('status=5xx&endpointId=nope&from=yesterday&all=1'))).toEqual({ status: '5xx', all: true });
    expect(filterFromSearchParams(new URLSearchParams('from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z'))).toEqual({ from: '2026-11-02T00:00:00Z', all: false });
  });
});
