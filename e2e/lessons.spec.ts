/**
 * Learning mode's lessons and Playground switches in the real UI: a
 * template's "try this" card over the canvas (folds away, edits undoably,
 * never covers a layer), the Boundary tab's Show test data, Discretize
 * output, losses and Regenerate, and the optimizers-compared template whose
 * one search overlays all four optimizers' curves.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { differingPixels, newFromTemplate, pixels, setEpochs } from './editor-helpers.ts';

async function expectCardClearOfLayers(page: Page): Promise<void> {
  const card = (await page.getByTestId('lesson-card').boundingBox())!;
  for (const node of await page.locator('.svelte-flow__node').all()) {
    const b = (await node.boundingBox())!;
    const overlap = Math.min(card.x + card.width, b.x + b.width) > Math.max(card.x, b.x) && Math.min(card.y + card.height, b.y + b.height) > Math.max(card.y, b.y);
    expect(overlap, `the lesson card covers ${await node.getAttribute('data-id')}`).toBe(false);
  }
}

test('a template shows its lesson beside the canvas; it folds away, edits as one undo step and covers no layer', async ({ page, app }) => {
  await newFromTemplate(page, 'xor-mlp');
  const card = page.getByTestId('lesson-card');
  await expect(page.getByTestId('lesson-text')).toContainText('hidden Dense layer');
  await expect(page.getByTestId('lesson-text')).toContainText('straight line');
  // The view is fitted below the card.
  await page.waitForTimeout(400);
  await expectCardClearOfLayers(page);
  await app.shot('xor lesson');

  await page.getByTestId('lesson-collapse').click();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('lesson-expand')).toBeVisible();
  await app.shot('xor lesson folded');
  // Folded stays folded on the next template, until opened again.
  await newFromTemplate(page, 'perceptron-and');
  await expect(page.getByTestId('lesson-expand')).toBeVisible();
  // Pan the layers up into the corner, then unfold: the view moves the network out from under the card.
  const pane = (await page.locator('.svelte-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + 600, pane.y + 300);
  await page.mouse.down();
  await page.mouse.move(pane.x + 480, pane.y + 10, { steps: 8 });
  await page.mouse.up();
  await app.shot('panned under the folded card');
  await page.getByTestId('lesson-expand').click();
  await expect(page.getByTestId('lesson-text')).toContainText('xor');
  await page.waitForTimeout(400);
  await expectCardClearOfLayers(page);

  await page.getByTestId('lesson-edit').click();
  await page.getByTestId('lesson-input').fill('Try a learning rate of 5 and watch the loss jump.');
  await app.shot('lesson editing');
  await page.getByTestId('lesson-save').click();
  await expect(page.getByTestId('lesson-text')).toHaveText('Try a learning rate of 5 and watch the loss jump.');
  await page.locator('.svelte-flow__pane').click({ position: { x: 600, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('lesson-text')).toContainText('xor');

  // The inspector's project fields edit it too; emptied, the card goes, and undo brings it back.
  await page.getByTestId('tab-inspector').click();
  const field = page.getByTestId('project-lesson');
  await expect(field).toHaveValue(/xor/);
  await field.fill('');
  await field.blur();
  await expect(card).toHaveCount(0);
  await expect(page.getByTestId('lesson-expand')).toHaveCount(0);
  await page.locator('.svelte-flow__pane').click({ position: { x: 600, y: 300 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('lesson-text')).toContainText('xor');
  await expect(field).toHaveValue(/xor/);
});

test('the Boundary tab shows test data, discretizes, gives the losses and regenerates the data undoably', async ({ page, app }) => {
  test.setTimeout(120_000);
  await newFromTemplate(page, 'xor-mlp');
  await page.getByTestId('tab-train').click();
  // Small generated sets start at a watchable pace; this test only needs the finished run.
  const speed = page.getByTestId('train-speed');
  if (await speed.count()) await speed.selectOption('full');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-state')).toHaveAttribute('data-phase', 'completed', { timeout: 90_000 });
  await page.getByTestId('dash-tab-boundary').click();
  const plot = page.getByTestId('boundary-plot');
  await expect(plot).toHaveAttribute('data-step', /\d/);
  await expect(plot).toHaveAttribute('data-test-points', '40');
  await expect(page.getByTestId('boundary-loss-train')).toContainText(/Training loss\s*0\.\d+/);
  await expect(page.getByTestId('boundary-loss-test')).toContainText(/Test loss\s*0\.\d+/);
  await app.shot('boundary with test data');
  const shaded = await pixels(plot);

  await page.getByTestId('boundary-show-test').uncheck();
  await expect(plot).toHaveAttribute('data-test-points', '0');
  const noTest = await pixels(plot);
  expect(differingPixels(shaded, noTest)).toBeGreaterThan(100);

  await page.getByTestId('boundary-discretize').check();
  await expect(plot).toHaveAttribute('data-discretize', 'true');
  const flat = await pixels(plot);
  expect(differingPixels(noTest, flat)).toBeGreaterThan(1000);
  await app.shot('boundary discretized');
  await page.getByTestId('boundary-show-test').check();

  const view = page.getByTestId('dash-boundary');
  await expect(view).toHaveAttribute('data-seed', '1');
  await expect(page.getByTestId('boundary-seed')).toHaveText('seed 1');
  const before = await pixels(plot);
  await page.getByTestId('boundary-regenerate').click();
  await expect(page.getByTestId('boundary-seed')).not.toHaveText('seed 1');
  await expect(view).not.toHaveAttribute('data-seed', '1', { timeout: 10_000 });
  await expect(page.getByTestId('boundary-regenerated')).toBeVisible();
  const seed = await view.getAttribute('data-seed');
  await expect(page.getByTestId('boundary-seed')).toHaveText(`seed ${seed}`);
  await expect.poll(async () => differingPixels(before, await pixels(plot))).toBeGreaterThan(100);
  await app.shot('boundary regenerated');

  await page.locator('.svelte-flow__pane').click({ position: { x: 600, y: 200 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('boundary-seed')).toHaveText('seed 1');
  await expect(view).toHaveAttribute('data-seed', '1');
  await expect(page.getByTestId('boundary-regenerated')).toHaveCount(0);
});

test('optimizers compared: one search trains all four optimizers and overlays their curves', async ({ page, app }) => {
  test.setTimeout(180_000);
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-file.new').click();
  for (const id of ['activations-compared', 'optimizers-compared', 'overfitting']) await expect(page.getByTestId(`template-${id}`)).toBeVisible();
  await app.shot('gallery');
  await page.getByTestId('template-optimizers-compared').click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  await expect(page.getByTestId('lesson-text')).toContainText('Search tab');
  await expectCardClearOfLayers(page);
  await setEpochs(page, '8');
  await page.getByTestId('tab-search').click();
  await expect(page.getByTestId('search-count')).toContainText('4 configurations');
  await page.getByTestId('search-start').click();
  await expect(page.getByTestId('search-state')).toHaveAttribute('data-status', 'completed', { timeout: 150_000 });
  await expect(page.getByTestId('search-table-row')).toHaveCount(4);
  const curves = page.getByTestId('search-curves');
  await expect(curves).toHaveAttribute('data-lines', '4', { timeout: 20_000 });
  await expect(curves).toContainText('all 4 trials');
  for (const name of ['sgd', 'momentum', 'rmsprop', 'adam']) await expect(curves).toContainText(`optimizer = ${name}`);
  await curves.scrollIntoViewIfNeeded();
  await app.shot('optimizers compared');
});
