/**
 * How the trainer's alerts look wherever they are shown (graph node badges,
 * the gradient chart's markers, the alert list): one glyph and colour per kind.
 */
import type { AlertKind } from '../../../../shared/protocol/trainer.ts';

const LOOK: Readonly<Record<AlertKind, { glyph: string; color: string; word: string }>> = {
  nan: { glyph: 'N', color: '#c62828', word: 'NaN' },
  overflow: { glyph: '∞', color: '#b71c1c', word: 'Values beyond float32' },
  exploding: { glyph: '↑', color: '#d84315', word: 'Exploding gradients' },
  diverging: { glyph: '↗', color: '#e65100', word: 'Diverging loss' },
  vanishing: { glyph: '↓', color: '#a86400', word: 'Vanishing gradients' },
  'dead-relu': { glyph: '∅', color: '#6b4fa0', word: 'Dead ReLU units' },
};

export const alertGlyph = (kind: AlertKind): string => LOOK[kind].glyph;
export const alertColor = (kind: AlertKind): string => LOOK[kind].color;
export const alertWord = (kind: AlertKind): string => LOOK[kind].word;
