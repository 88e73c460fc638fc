/**
 * The resolved colours of one chart, kept current: read when the chart's root
 * element mounts and again whenever the system's colour scheme changes.
 */
import { LIGHT_THEME, readTheme, watchColorScheme, type Theme } from './theme.ts';

export class ThemeState {
  current = $state.raw<Theme>(LIGHT_THEME);

  /** Call during component set-up; `root` returns the element whose CSS variables to read. */
  constructor(root: () => Element | undefined) {
    $effect(() => {
      const el = root();
      this.current = readTheme(el);
      return watchColorScheme(() => (this.current = readTheme(el)));
    });
  }
}
