/**
 * Colour maps for the weight and output pictures. Each has a light and a dark
 * variant that differ only in the neutral middle: white on a light page, a
 * dark grey on a dark one, so that "zero" always reads as "background".
 */

export type Rgb = readonly [number, number, number];

type Stops = readonly (readonly [number, Rgb])[];

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Piecewise-linear interpolation through stops sorted by position. */
function through(stops: Stops, t: number): Rgb {
  if (!(t > stops[0][0])) return stops[0][1];
  for (let i = 1; i < stops.length; i++) {
    const [p1, c1] = stops[i];
    if (t <= p1) {
      const [p0, c0] = stops[i - 1];
      const u = (t - p0) / (p1 - p0);
      return [Math.round(lerp(c0[0], c1[0], u)), Math.round(lerp(c0[1], c1[1], u)), Math.round(lerp(c0[2], c1[2], u))];
    }
  }
  return stops[stops.length - 1][1];
}

const NEUTRAL_LIGHT: Rgb = [248, 248, 248];
const NEUTRAL_DARK: Rgb = [40, 44, 52];

/** Blue for negative, red for positive, as weight maps usually are; the ends stay the same in both themes. */
function divergingStops(mid: Rgb): Stops {
  return [
    [-1, [24, 84, 168]],
    [-0.5, [96, 158, 212]],
    [0, mid],
    [0.5, [232, 128, 96]],
    [1, [176, 28, 42]],
  ];
}
const DIVERGING_LIGHT = divergingStops(NEUTRAL_LIGHT);
const DIVERGING_DARK = divergingStops(NEUTRAL_DARK);

/** `t` in [-1, 1]: -1 deep blue, 0 neutral, +1 deep red. Values outside are clamped. */
export function diverging(t: number, dark = false): Rgb {
  return through(dark ? DIVERGING_DARK : DIVERGING_LIGHT, Number.isFinite(t) ? t : 0);
}

/** TensorFlow Playground's two classes: orange for class 0 (or low), blue for class 1 (or high). */
export const PLAYGROUND_ORANGE: Rgb = [245, 147, 34];
export const PLAYGROUND_BLUE: Rgb = [8, 119, 189];

function playgroundStops(mid: Rgb): Stops {
  return [
    [0, PLAYGROUND_ORANGE],
    [0.5, mid],
    [1, PLAYGROUND_BLUE],
  ];
}
const PLAYGROUND_LIGHT = playgroundStops([232, 234, 235]);
const PLAYGROUND_DARK = playgroundStops(NEUTRAL_DARK);

/** `t` in [0, 1]: 0 orange, ½ neutral, 1 blue, with intensity growing with the distance from ½. */
export function playground(t: number, dark = false): Rgb {
  return through(dark ? PLAYGROUND_DARK : PLAYGROUND_LIGHT, Number.isFinite(t) ? t : 0.5);
}

/** `t` in [0, 1] from the page's background towards a strong blue: counts, shares. */
export function sequential(t: number, dark = false): Rgb {
  const stops: Stops = dark
    ? [
        [0, [36, 41, 50]],
        [1, [78, 140, 240]],
      ]
    : [
        [0, [250, 251, 253]],
        [1, [33, 90, 190]],
      ];
  return through(stops, Number.isFinite(t) ? t : 0);
}

/** Text that stays readable on a filled cell. */
export function inkOn(fill: Rgb): string {
  return luminance(fill) > 0.45 ? '#1d2330' : '#ffffff';
}

export function rgbCss(c: Rgb, alpha = 1): string {
  return alpha >= 1 ? `rgb(${c[0]}, ${c[1]}, ${c[2]})` : `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`;
}

/** Relative luminance (0 black … 1 white), sRGB as WCAG defines it. */
export function luminance(c: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}

/** Reads "#abc", "#aabbcc", "rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)"; null for anything else. */
export function parseColor(text: string): Rgb | null {
  const s = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(s);
  if (fn) return [Math.round(Number(fn[1])), Math.round(Number(fn[2])), Math.round(Number(fn[3]))];
  return null;
}

/**
 * Series colours, distinguishable from each other and readable on the
 * theme's panel. Training is the first, validation the second; a compared
 * run takes the third and fourth.
 */
export const SERIES_LIGHT = ['#2563c9', '#e06a00', '#138a5e', '#b0348f', '#7a5bd0', '#b28600', '#0f8fa6', '#c73b3b', '#5b6b7f', '#6d9a16'] as const;
export const SERIES_DARK = ['#6ea2ff', '#ffa040', '#4fd19b', '#f07acb', '#b39cff', '#e6c04a', '#4cc9de', '#ff7b7b', '#a9b5c6', '#a6d65a'] as const;

export function seriesColor(index: number, dark: boolean): string {
  const list = dark ? SERIES_DARK : SERIES_LIGHT;
  return list[((index % list.length) + list.length) % list.length];
}

/**
 * Class colours for points and per-class tints: the first two are
 * TensorFlow Playground's orange and blue, so a two-class set looks the same
 * whether the heat map is diverging or tinted.
 */
export const CLASS_COLORS: readonly Rgb[] = [
  PLAYGROUND_ORANGE,
  PLAYGROUND_BLUE,
  [46, 160, 67],
  [156, 82, 196],
  [214, 48, 49],
  [23, 166, 166],
  [140, 94, 60],
  [222, 90, 170],
  [128, 140, 20],
  [110, 118, 130],
];

export function classColor(k: number): Rgb {
  const n = CLASS_COLORS.length;
  return CLASS_COLORS[((Math.trunc(k) % n) + n) % n];
}

/** `a` moved towards `b` by `t` (0 → a, 1 → b). */
export function mixRgb(a: Rgb, b: Rgb, t: number): Rgb {
  const u = Math.min(1, Math.max(0, t));
  return [Math.round(a[0] + (b[0] - a[0]) * u), Math.round(a[1] + (b[1] - a[1]) * u), Math.round(a[2] + (b[2] - a[2]) * u)];
}
