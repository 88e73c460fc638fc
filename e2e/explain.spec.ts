/**
 * The canvas' units view (a small network drawn unit by unit, weights as
 * line colour and width, unit maps enlarged on hover) and Explain a step on
 * the 2-2-1 worked example, whose numbers must be the textbook's.
 */
import type { Page } from '@playwright/test';
import { newFromTemplate, selectNode } from './editor-helpers.ts';
import { expect, test } from './fixtures.ts';

async function edgeWidths(page: Page): Promise<number[]> {
  return page.locator('[data-testid^="net-edge-"][data-width]').evaluateAll((lines) => lines.map((l) => Number(l.getAttribute('data-width'))));
}

test('XOR in the units view: weights as line widths, unit maps enlarged on hover', async ({ page, app }) => {
  test.setTimeout(120_000);
  await newFromTemplate(page, 'xor-mlp');
  await page.getByTestId('canvas-view-units').click();
  await expect(page.getByTestId('units-view')).toBeVisible();
  // 2 inputs → 4 → 1: 8 + 4 connections, all neutral before any run.
  expect(await edgeWidths(page)).toEqual(Array(12).fill(1));
  await expect(page.getByTestId('units-source')).toContainText('No run yet');
  await app.shot('units view before training');

  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('units-source')).toContainText('Weights of the viewed run', { timeout: 30_000 });
  await expect(page.getByTestId('net-unit-map-0:0')).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => {
    const w = await edgeWidths(page);
    return Math.max(...w) - Math.min(...w);
  }).toBeGreaterThan(1);
  const edge = page.getByTestId('net-edge-0:0>0');
  const weight = Number(await edge.getAttribute('data-weight'));
  expect(Number.isFinite(weight) && weight !== 0).toBe(true);
  // Blue for a positive weight, orange for a negative one.
  expect(await edge.getAttribute('stroke')).toMatch(weight > 0 ? /^rgba?\(8, 119, 189/ : /^rgba?\(245, 147, 34/);
  await expect(page.getByTestId('units-legend')).toContainText('negative weight');

  await page.getByTestId('net-unit-0:1').hover();
  const big = page.getByTestId('net-unit-enlarged');
  await expect(big).toBeVisible();
  await expect(big).toContainText('dense_1 unit 2');
  const box = await page.getByTestId('net-unit-enlarged-map').boundingBox();
  expect(box!.width).toBeGreaterThanOrEqual(170);
  await app.shot('units view while training, unit 2 enlarged');

  // U goes back to the layers.
  await page.mouse.move(5, 400);
  await page.keyboard.press('u');
  await expect(page.locator('.svelte-flow__node').first()).toBeVisible();
  await expect(page.getByTestId('units-view')).toHaveCount(0);
});

test('the 2-2-1 worked example opens in Explain a step and shows the textbook numbers', async ({ page, app }) => {
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-file.new').click();
  await page.getByTestId('template-worked-2-2-1').click();
  await expect(page.getByTestId('explain')).toBeVisible();
  await expect(page.getByTestId('explain-sample')).toContainText('Textbook sample: x = (0.05, 0.1), target 0.01');
  await expect(page.getByTestId('explain-source')).toContainText('textbook starting weights');
  await expect(page.getByTestId('explain-eta')).toHaveText('η = 0.5');

  const unit = (id: string, line: number) => page.getByTestId(`net-unit-label-${id}-${line}`);
  const edge = (id: string) => page.getByTestId(`net-edge-label-${id}`);
  const title = page.getByTestId('explain-stage-title');

  await expect(title).toHaveText('1 / 7 · Forward through dense_1');
  await expect(page.getByTestId('explain-caption')).toContainText('z = 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775');
  await expect(unit('0:0', 0)).toHaveText('z = 0.3775');
  await expect(unit('0:0', 1)).toHaveText('a = 0.5933');
  await expect(unit('0:1', 1)).toHaveText('a = 0.5969');
  await expect(edge('0:1>0')).toHaveText('w = 0.2');
  // A click on the second unit works out its sum instead.
  await page.getByTestId('net-unit-0:1').click();
  await expect(page.getByTestId('explain-caption')).toContainText('Unit 2 of dense_1 weighs the inputs x1, x2: z = 0.25·0.05 + 0.3·0.1 + 0.35 = 0.3925');
  await app.shot('explain 1 forward dense_1');

  await page.keyboard.press('ArrowRight');
  await expect(title).toHaveText('2 / 7 · Forward through dense_2');
  await expect(unit('1:0', 0)).toHaveText('z = 1.106');
  await expect(unit('1:0', 1)).toHaveText('a = 0.7514');

  await page.keyboard.press('ArrowRight');
  await expect(title).toHaveText('3 / 7 · The loss');
  await expect(page.getByTestId('explain-loss')).toContainText('0.5496');
  await app.shot('explain 3 loss');

  await page.keyboard.press('ArrowRight');
  await expect(title).toHaveText('4 / 7 · Backward through dense_2');
  await expect(edge('1:0>0')).toHaveText('∂L/∂w = 0.1643');
  await expect(unit('1:0', 0)).toHaveText('∂L/∂z = 0.277');
  await app.shot('explain 4 backward dense_2');

  await page.getByTestId('explain-next').click();
  await expect(title).toHaveText('5 / 7 · Backward through dense_1');
  await expect(edge('0:0>0')).toHaveText('∂L/∂w = 0.001337');

  await page.getByTestId('explain-next').click();
  await page.getByTestId('explain-next').click();
  await expect(title).toHaveText('7 / 7 · Update dense_2');
  await expect(edge('1:0>0')).toHaveText('0.4 → 0.3178');
  await expect(edge('1:1>0')).toHaveText('0.45 → 0.3673');
  await expect(unit('1:0', 0)).toHaveText('b 0.6 → 0.4615');
  await expect(edge('0:0>0')).toHaveText('0.15 → 0.1493');
  await expect(page.getByTestId('explain-next')).toBeDisabled();
  await app.shot('explain 7 update dense_2');

  await page.keyboard.press('ArrowLeft');
  await expect(title).toHaveText('6 / 7 · Update dense_1');
  await expect(edge('1:0>0')).toHaveText('∂L/∂w = 0.1643');

  // A run's weights replace the starting ones; the starting ones stay one choice away.
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('explain-source')).toContainText('the viewed run’s weights', { timeout: 30_000 });
  await expect(edge('1:0>0')).not.toHaveText('∂L/∂w = 0.1643');
  await app.shot('explain with the run weights');
  await page.getByTestId('explain-weights').selectOption({ label: 'the textbook starting weights' });
  await expect(edge('1:0>0')).toHaveText('∂L/∂w = 0.1643');
  await page.getByTestId('train-stop').click();

  // The same weights are the layers' Starting weights, which training and the exported code start from.
  await page.getByTestId('canvas-view-layers').click();
  await selectNode(page, 'dense_1');
  await page.getByTestId('tab-inspector').click();
  await expect(page.getByTestId('param-startWeights')).toHaveValue('0.15, 0.25, 0.2, 0.3, 0.35, 0.35');
  await app.shot('inspector with the starting weights');
});
