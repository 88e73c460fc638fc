import { describe, expect, it } from 'vitest';
import { getLayerDef } from '../../../../shared/catalog/index.ts';
import { formatParam, parseParam } from './param-text.ts';

const dense = getLayerDef('Dense')!;
const input = getLayerDef('Input')!;

describe('inspector text → parameter values', () => {
  it('accepts a positive whole number of units and explains anything else in the catalog\'s words', () => {
    expect(parseParam(dense.params.units, ' 300 ')).toEqual({ ok: true, value: 300 });
    expect(parseParam(dense.params.units, '0')).toEqual({ ok: false, message: 'expected a positive integer, got 0' });
    expect(parseParam(dense.params.units, '2.5')).toEqual({ ok: false, message: 'expected a positive integer, got 2.5' });
    expect(parseParam(dense.params.units, 'ten')).toEqual({ ok: false, message: '"ten" is not a number' });
    expect(parseParam(dense.params.units, '')).toEqual({ ok: false, message: 'Units needs a value' });
  });

  it('reads shapes written with commas, spaces or ×, and round-trips them for display', () => {
    expect(parseParam(input.params.shape, '28, 28')).toEqual({ ok: true, value: [28, 28] });
    expect(parseParam(input.params.shape, '28×28×1')).toEqual({ ok: true, value: [28, 28, 1] });
    expect(parseParam(input.params.shape, '28, a')).toEqual({ ok: false, message: '"a" is not a whole number; write sizes like 28, 28' });
    expect(parseParam(input.params.shape, '').ok).toBe(false);
    expect(formatParam([28, 28])).toBe('28, 28');
  });

  it('checks enum choices', () => {
    expect(parseParam(dense.params.activation, 'relu')).toEqual({ ok: true, value: 'relu' });
    expect(parseParam(dense.params.activation, 'bogus').ok).toBe(false);
  });
});
