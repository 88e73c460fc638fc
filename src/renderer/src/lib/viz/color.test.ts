import { describe, expect, it } from 'vitest';
import { diverging, inkOn, luminance, mixRgb, parseColor, playground, seriesColor } from './color.ts';
import { DARK_THEME, LIGHT_THEME, themeFrom } from './theme.ts';

describe('colour maps', () => {
  it('runs blue → neutral → red and clamps outside [-1, 1]', () => {
    expect(diverging(-1)).toEqual([24, 84, 168]);
    expect(diverging(0)).toEqual([248, 248, 248]);
    expect(diverging(0, true)).toEqual([40, 44, 52]);
    expect(diverging(5)).toEqual([176, 28, 42]);
    expect(diverging(NaN)).toEqual([248, 248, 248]);
    expect(playground(0)).toEqual([245, 147, 34]);
    expect(playground(1)).toEqual([8, 119, 189]);
  });

  it('mixes, reads CSS colours and picks readable ink', () => {
    expect(mixRgb([0, 0, 0], [200, 100, 50], 0.5)).toEqual([100, 50, 25]);
    expect(parseColor('#abc')).toEqual([170, 187, 204]);
    expect(parseColor('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3]);
    expect(parseColor('blue')).toBeNull();
    expect(luminance([255, 255, 255])).toBeCloseTo(1, 6);
    expect(inkOn([255, 255, 255])).toBe('#1d2330');
    expect(inkOn([30, 130, 76])).toBe('#ffffff');
    expect(seriesColor(10, false)).toBe(seriesColor(0, false));
  });
});

describe('themeFrom', () => {
  it('tells dark from light by the panel colour and fills blanks', () => {
    expect(themeFrom({ panel: '#20252d', text: '#e5e8ee' }, false).dark).toBe(true);
    const light = themeFrom({ panel: '#ffffff', muted: ' ' }, true);
    expect(light.dark).toBe(false);
    expect(light.muted).toBe(LIGHT_THEME.muted);
    expect(themeFrom({}, true)).toEqual(DARK_THEME);
  });
});
