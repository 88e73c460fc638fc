/**
 * A diagnostic's Fix button as a person meets it: a classifier ends in
 * softmax but trains with mean squared error, the Diagnostics tab offers
 * cross-entropy, one click changes the loss setting (and Undo puts it back),
 * and the repaired network trains to the end.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { newFromTemplate, setParam } from './editor-helpers.ts';

async function lossSetting(page: Page) {
  await page.getByTestId('tab-train').click();
  return page.getByTestId('setting-loss');
}

test('the softmax + mean-squared-error fix switches the loss, undoes, and the network trains', async ({ page, app }) => {
  test.setTimeout(120_000);
  await newFromTemplate(page, 'xor-mlp');
  // XOR's output is one sigmoid unit; make it a two-class softmax trained with MSE.
  await (await lossSetting(page)).selectOption('meanSquaredError');
  const epochs = page.getByTestId('setting-epochs');
  await epochs.fill('10');
  await epochs.press('Enter');
  const output = (await page.locator('[data-testid^="node-"]').filter({ hasText: 'sigmoid' }).getAttribute('data-testid'))!.slice('node-'.length);
  await setParam(page, output, 'units', '2');
  await setParam(page, output, 'activation', 'softmax');

  await page.getByTestId('tab-diagnostics').click();
  const warning = page.locator(`[data-testid="diagnostic"][data-code="loss-mismatch"][data-node="${output}"]`);
  await expect(warning).toContainText('meanSquaredError');
  await app.shot('softmax with mse');
  const fix = warning.getByTestId('diagnostic-fix');
  await expect(fix).toHaveText('Use sparse categorical cross-entropy');
  await fix.click();
  // The loss was the problem, so nothing is left: no warning, and no stray "loss" on the layer.
  await expect(page.getByTestId('diagnostics-clear')).toBeVisible();
  await expect(await lossSetting(page)).toHaveValue('sparseCategoricalCrossentropy');
  await app.shot('fixed');

  await page.getByTestId('tool-undo').click();
  await expect(await lossSetting(page)).toHaveValue('meanSquaredError');
  await page.getByTestId('tab-diagnostics').click();
  await expect(warning).toBeVisible();
  await page.getByTestId('tool-redo').click();
  await expect(await lossSetting(page)).toHaveValue('sparseCategoricalCrossentropy');

  // Small generated sets start at a watchable pace; this test only needs the finished run.
  await page.getByTestId('train-speed').selectOption('full');
  await page.getByTestId('train-start').click();
  const phase = page.getByTestId('train-state');
  await expect(phase).toHaveAttribute('data-phase', /completed|early-stopped|stopped|failed|crashed/, { timeout: 90_000 });
  await expect(phase).toHaveAttribute('data-phase', 'completed');
  await expect(page.getByTestId('train-exit')).toContainText(/epoch/i);
  await app.shot('trained');
});
