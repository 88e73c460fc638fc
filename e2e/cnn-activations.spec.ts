/**
 * Inside a CNN: LeNet trains on an MNIST subset at a watchable pace; the
 * Inside tab shows the first test pictures to pick from, every convolution
 * and pooling layer's feature maps as a grid, the dense layers as bars and
 * the first convolution's filters. A picture picked while the run is paused
 * is shown at once, the views follow the run to its end, and the finished
 * run still shows any of the pictures.
 */
import type { DatasetRef, GraphDoc } from '../src/shared/document/index.ts';
import { getTemplate } from '../src/shared/templates/index.ts';
import { expect, test } from './fixtures.ts';
import { openProject } from './editor-helpers.ts';

test.skip(({ app }) => app.kind === 'electron', 'projects are opened through the in-app dialog of browser mode');

test('the Inside tab shows each layer of LeNet for a picked test picture as it trains', async ({ page, app }) => {
  test.setTimeout(150_000);
  const lenet = getTemplate('lenet-cnn')!.build();
  const doc: GraphDoc = { ...lenet, dataset: { kind: 'builtin', name: 'mnist', trainSubset: 1000, testSubset: 200 } satisfies DatasetRef, training: { ...lenet.training, epochs: 3 } };
  await openProject(page, app.root, 'lenet-small.nwproj.json', doc);
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-speed').selectOption('5');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();

  // The tab appears once the trainer has said the data are pictures (its `ready`, after MNIST is read).
  await expect(page.getByTestId('dash-tab-activations')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('dash-tab-activations').click();
  const view = page.getByTestId('dash-activations');
  await expect(view).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('train-state')).toHaveAttribute('data-phase', 'paused');

  const candidates = view.getByTestId('activations-candidate');
  await expect(candidates).toHaveCount(8);
  await expect(view).toHaveAttribute('data-sample', '0');
  await candidates.nth(2).click();
  await expect(view).toHaveAttribute('data-sample', '2');
  await expect(candidates.nth(2)).toHaveAttribute('aria-checked', 'true');

  // LeNet: conv 28×28×6, pool 14×14×6, conv 10×10×16, pool 5×5×16, then two dense layers (Flatten repeats the pool).
  const maps = view.locator('[data-testid="activations-layer"][data-kind="maps"]');
  await expect(maps).toHaveCount(4);
  await expect(maps.nth(0).getByTestId('activations-map')).toHaveCount(6);
  await expect(maps.nth(2).getByTestId('activations-map')).toHaveCount(16);
  await expect(maps.nth(3)).toContainText('5×5×16');
  const dense = view.locator('[data-testid="activations-layer"][data-kind="units"]');
  await expect(dense).toHaveCount(2);
  await expect(dense.nth(0).getByTestId('activations-bars')).toHaveAttribute('data-count', '64');
  await expect(dense.nth(1).getByTestId('activations-bars')).toHaveAttribute('data-count', '10');
  // The output layer has one unit per digit: its strongest is named as a class.
  await expect(dense.nth(1).getByTestId('activations-strongest')).toHaveText(/^10 of 10 units · highest: \d$/);
  await expect(view.getByTestId('activations-filters').getByTestId('activations-filter-images')).toBeVisible();
  const pausedStep = Number(await view.getAttribute('data-step'));
  await app.shot('inside lenet paused');

  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-speed').selectOption('full');
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('train-state')).toHaveAttribute('data-phase', 'completed', { timeout: 120_000 });
  await expect.poll(async () => Number(await view.getAttribute('data-step'))).toBeGreaterThan(pausedStep);
  await expect(view).toHaveAttribute('data-sample', '2');
  const finalStep = await view.getAttribute('data-step');
  // The run has ended: it kept every picture's outputs for its final weights, so any can still be picked.
  await candidates.nth(5).click();
  await expect(view).toHaveAttribute('data-sample', '5');
  await expect(view).toHaveAttribute('data-step', finalStep!);
  await expect(maps).toHaveCount(4);
  await app.shot('inside lenet done');
});
