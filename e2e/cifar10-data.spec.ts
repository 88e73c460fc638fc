/**
 * CIFAR-10 from the user's disk in the Data panel: the CIFAR-10 template
 * opened before the set is unpacked says which folder to choose; once a
 * folder in the binary layout is there (made by the test: two batches of 7
 * pictures and a test batch of 5), the preview shows the colour pictures with
 * the class names of batches.meta.txt; choosing the kind picks a folder;
 * and the template trains on it, its Inside tab showing the colour pictures.
 */
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { FIXTURE_CLASSES, writeCifarFolder } from '../src/main/services/datasets/cifar10-fixture.ts';
import { expect, test } from './fixtures.ts';
import { newFromTemplate } from './editor-helpers.ts';

test.skip(({ app }) => app.kind === 'electron', 'the folder is picked with the in-app dialog of browser mode');

async function openDataPanel(page: Page): Promise<Locator> {
  await page.getByTestId('tab-data').click();
  const panel = page.getByTestId('data-panel');
  await expect(panel).toBeVisible();
  return panel;
}

test('the CIFAR-10 template asks for the unpacked folder, then previews it with class names', async ({ page, app }) => {
  await newFromTemplate(page, 'cifar10-cnn');
  const panel = await openDataPanel(page);
  await expect(panel.getByTestId('data-folder')).toHaveValue('cifar-10-batches-bin');
  const error = panel.getByTestId('data-preview-error');
  await expect(error).toContainText('the folder does not exist. Choose the folder where you unpacked cifar-10-batches-bin');
  await app.shot('folder not unpacked yet');

  writeCifarFolder(join(app.root, 'cifar-10-batches-bin'));
  await panel.getByTestId('data-preview-reload').click();
  const grid = panel.getByTestId('data-images');
  await expect(grid.getByTestId('data-images-item')).toHaveCount(14);
  await expect(panel.getByTestId('data-preview-title')).toHaveText('CIFAR-10 (14 training, 5 test images)');
  for (const name of ['bird', 'cat', 'deer']) await expect(grid).toContainText(name);
  await expect(panel.getByTestId('data-fit-problem')).toHaveCount(0);
  await app.shot('cifar10 preview');
});

test('choosing CIFAR-10 as the source picks its folder with the folder dialog', async ({ page, app }) => {
  writeCifarFolder(join(app.root, 'downloads', 'cifar-10-batches-bin'), { train: [3], test: 2 });
  await newFromTemplate(page, 'lenet-cnn');
  const panel = await openDataPanel(page);
  await panel.getByTestId('data-kind-cifar10').click();
  const dialog = page.getByTestId('file-dialog');
  await expect(dialog).toContainText('Choose a folder');
  await dialog.getByTestId('file-entry-downloads').click();
  await dialog.getByTestId('file-entry-cifar-10-batches-bin').click();
  await dialog.getByTestId('file-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(panel.getByTestId('data-folder')).toHaveValue(join(app.root, 'downloads', 'cifar-10-batches-bin'));
  await expect(panel.getByTestId('data-images').getByTestId('data-images-item')).toHaveCount(3);
  await expect(panel.getByTestId('data-images')).toContainText(FIXTURE_CLASSES[3]);
  // LeNet's Input is MNIST's 28×28×1; the check says so against CIFAR-10's pictures.
  await expect(panel.getByTestId('data-fit-problem').first()).toContainText('[32, 32, 3]');
  await app.shot('cifar10 chosen for lenet');
});

test('the CIFAR-10 template trains on the folder and shows its colour test pictures inside the network', async ({ page, app }) => {
  test.setTimeout(120_000);
  writeCifarFolder(join(app.root, 'cifar-10-batches-bin'));
  await newFromTemplate(page, 'cifar10-cnn');
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-speed').selectOption('full');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-state')).toHaveAttribute('data-phase', 'completed', { timeout: 90_000 });
  await page.getByTestId('dash-tab-activations').click();
  const view = page.getByTestId('dash-activations');
  // The five pictures of test_batch.bin, labelled with batches.meta.txt's names.
  await expect(view.getByTestId('activations-candidate')).toHaveCount(5);
  await expect(view.getByTestId('activations-candidate').nth(3)).toContainText(FIXTURE_CLASSES[3]);
  await expect(view.locator('[data-testid="activations-layer"][data-kind="maps"]')).toHaveCount(6);
  await expect(view.locator('[data-testid="activations-layer"][data-kind="units"]')).toHaveCount(2);
  await view.getByTestId('activations-candidate').nth(4).click();
  await expect(view).toHaveAttribute('data-sample', '4');
  await app.shot('cifar10 inside');
});
