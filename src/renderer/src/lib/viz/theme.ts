/**
 * Canvas drawing cannot use CSS variables, so each chart resolves the app's
 * colours (app.css: --text, --muted, --border, --panel) into a Theme when it
 * mounts and again when the system switches between light and dark. Whether
 * the theme is dark is read from the panel colour itself, so a theme switch
 * made by a class or attribute later works too.
 */
import { luminance, parseColor } from './color.ts';

export interface Theme {
  readonly dark: boolean;
  readonly text: string;
  readonly muted: string;
  /** Grid lines and frames. */
  readonly grid: string;
  readonly panel: string;
  readonly font: string;
}

export const LIGHT_THEME: Theme = {
  dark: false,
  text: '#1d2330',
  muted: '#5c6577',
  grid: '#d6dae0',
  panel: '#ffffff',
  font: 'system-ui, sans-serif',
};

export const DARK_THEME: Theme = {
  dark: true,
  text: '#e5e8ee',
  muted: '#9aa3b2',
  grid: '#3a4250',
  panel: '#20252d',
  font: 'system-ui, sans-serif',
};

/** Builds a theme from the raw variable values; blanks fall back to the built-in theme of the same darkness. */
export function themeFrom(vars: { text?: string; muted?: string; border?: string; panel?: string; font?: string }, prefersDark: boolean): Theme {
  const panel = parseColor(vars.panel ?? '');
  const text = parseColor(vars.text ?? '');
  const dark = panel ? luminance(panel) < 0.3 : text ? luminance(text) > 0.5 : prefersDark;
  const base = dark ? DARK_THEME : LIGHT_THEME;
  const pick = (v: string | undefined, fallback: string) => (v && v.trim() ? v.trim() : fallback);
  return {
    dark,
    text: pick(vars.text, base.text),
    muted: pick(vars.muted, base.muted),
    grid: pick(vars.border, base.grid),
    panel: pick(vars.panel, base.panel),
    font: pick(vars.font, base.font),
  };
}

export function readTheme(el: Element | null | undefined): Theme {
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  if (!el) return prefersDark ? DARK_THEME : LIGHT_THEME;
  const style = getComputedStyle(el);
  const v = (name: string) => style.getPropertyValue(name);
  return themeFrom({ text: v('--text'), muted: v('--muted'), border: v('--border'), panel: v('--panel'), font: v('--font') }, prefersDark);
}

/** Calls `onChange` when the system switches between light and dark; returns the unsubscribe. */
export function watchColorScheme(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
