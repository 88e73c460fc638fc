/** The Keras-style text table printed by `netwright summary` and shown in the Summary panel. */
import { formatShape } from '../catalog/common.ts';
import { printable } from '../document/printable.ts';
import type { Summary } from './types.ts';

const group = (n: number) => n.toLocaleString('en-US');

export function formatSummary(summary: Summary): string {
  const head = ['Layer (type)', 'Output shape', 'Param #'];
  // Names and kinds come from the file: escaped, a newline or a terminal escape in one cannot break the table.
  const rows = summary.layers.map((r) => [printable(`${r.name} (${r.kind})`), r.outputShape ? formatShape(r.outputShape) : '?', group(r.params)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('   ');
  const rule = '─'.repeat(widths.reduce((a, b) => a + b, 0) + 6);
  return [
    line(head), rule, ...rows.map(line), rule,
    `Total params: ${group(summary.totalParams)}`,
    `Trainable params: ${group(summary.trainableParams)}`,
    `Non-trainable params: ${group(summary.nonTrainableParams)}`,
  ].join('\n');
}
