/**
 * Hyperparameter searches from the Search tab against the real host and the
 * real trainer: a search is set up on the XOR template (units of the hidden
 * layer × learning rate, 2 folds), kept through save and open, run to the
 * end, its table sorted, and its best trial applied to the graph and undone.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type AppUnderTest } from './fixtures.ts';
import { newFromTemplate, selectNode, setEpochs } from './editor-helpers.ts';

test.skip(({ app }) => app.kind === 'electron', 'projects are saved and opened through the in-app dialog of browser mode');

const HIDDEN = 'dense_1';

/** Adds one dimension through the Add form: what to vary, then its values. */
async function addDimension(page: Page, kind: 'layer' | 'training', pick: string, values: string): Promise<void> {
  await page.getByTestId('search-add').click();
  await page.getByTestId(`search-add-kind-${kind}`).click();
  await page.getByTestId(kind === 'layer' ? 'search-add-param' : 'search-add-setting').selectOption(pick);
  await page.getByTestId('search-add-values').fill(values);
  await page.getByTestId('search-add-confirm').click();
  await expect(page.getByTestId('search-add-form')).toHaveCount(0);
}

/** On the open XOR project: a grid over the hidden layer's units and the learning rate, validated on 2 folds. */
async function setUpXorSearch(page: Page): Promise<void> {
  await page.getByTestId('tab-search').click();
  await expect(page.getByTestId('search-panel')).toContainText('Set up a search');
  await page.getByTestId('search-setup').click();
  // XOR has no validation split, so the new search validates on folds.
  await expect(page.getByTestId('search-count')).toHaveText('1 configuration × 3 folds = 3 runs');

  // The layer's parameters are offered once it is selected on the canvas.
  await page.getByTestId('search-add').click();
  await expect(page.getByTestId('search-add-unavailable')).toContainText('Select a layer');
  await page.getByTestId('search-add-cancel').click();
  await selectNode(page, HIDDEN);
  await addDimension(page, 'layer', 'units', '2, 8');
  await addDimension(page, 'training', 'learningRate', '0.05, 0.2');

  await expect(page.getByTestId('search-validation-kfold')).toHaveAttribute('aria-checked', 'true');
  const folds = page.getByTestId('search-folds');
  await folds.fill('2');
  await folds.press('Enter');
  await expect(page.getByTestId('search-count')).toHaveText('4 configurations × 2 folds = 8 runs');
}

/** Clicks the empty canvas, so that keys go to the editor rather than a field. */
async function focusCanvas(page: Page): Promise<void> {
  // The left edge halfway down: the lesson card holds the top-left corner, the zoom buttons the bottom-left.
  const pane = page.locator('.svelte-flow__pane');
  const box = await pane.boundingBox();
  await pane.click({ position: { x: 12, y: Math.round((box?.height ?? 400) / 2) } });
}

/** A numbered screenshot of one part of the window, to look at closely. */
async function closeUp(app: AppUnderTest, locator: Locator, name: string): Promise<void> {
  const file = await app.shot(name);
  await locator.screenshot({ path: file });
}

async function hiddenUnits(page: Page): Promise<string> {
  await selectNode(page, HIDDEN);
  await page.getByTestId('tab-inspector').click();
  return page.getByTestId('param-units').inputValue();
}

test('a search is set up edit by edit, shows its problems, undoes, and is kept through save and open', async ({ page, app }) => {
  test.setTimeout(90_000);
  await newFromTemplate(page, 'xor-mlp');
  await setUpXorSearch(page);
  await expect(page.getByTestId(`search-dimension-units`)).toContainText('units of dense_1');
  await expect(page.getByTestId('search-values-lr')).toHaveValue('0.05, 0.2');

  // A typing slip is named inline and not committed; an out-of-range value is the layer's error and blocks Start.
  const units = page.getByTestId('search-values-units');
  await units.fill('2, eight');
  await expect(page.getByTestId('search-values-units-error')).toContainText('“eight” is not a number');
  await units.fill('0, 8');
  await units.press('Enter');
  await expect(page.getByTestId('search-dimension-units')).toContainText('Dense refuses 0');
  await expect(page.getByTestId('search-start')).toBeDisabled();
  await app.shot('search problems');

  // Each change is one undo step.
  await focusCanvas(page);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('search-values-units')).toHaveValue('2, 8');
  await expect(page.getByTestId('search-start')).toBeEnabled();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('search-count')).toHaveText('4 configurations × 3 folds = 12 runs');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('search-count')).toHaveText('4 configurations × 2 folds = 8 runs');
  await closeUp(app, page.getByTestId('inspector-panel'), 'search set up');

  await page.keyboard.press('Control+s');
  const dialog = page.getByTestId('file-dialog');
  await dialog.getByTestId('file-dialog-path').fill('xor search');
  await dialog.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('toast')).toContainText('Saved xor search.nwproj.json');
  const onDisk = JSON.parse(await readFile(join(app.root, 'xor search.nwproj.json'), 'utf8'));
  expect(onDisk.search.validation).toEqual({ kind: 'kfold', folds: 2 });
  expect(onDisk.search.dimensions.map((d: { id: string }) => d.id)).toEqual(['units', 'lr']);

  await app.reload();
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-file.open').click();
  await dialog.getByTestId('file-entry-xor search.nwproj.json').click();
  await dialog.getByTestId('file-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('tab-search').click();
  await expect(page.getByTestId('search-count')).toHaveText('4 configurations × 2 folds = 8 runs');
  await expect(page.getByTestId('search-values-units')).toHaveValue('2, 8');
});

test('a k-fold grid search runs to the end, sorts, and its best trial is applied to the graph and undone', async ({ page, app }) => {
  test.setTimeout(240_000);
  await newFromTemplate(page, 'xor-mlp');
  await setEpochs(page, '10');
  await setUpXorSearch(page);
  expect(await hiddenUnits(page)).toBe('4');

  await page.getByTestId('tab-search').click();
  await page.getByTestId('search-start').click();
  await expect(page.getByTestId('search-state')).toHaveAttribute('data-status', /running|completed/, { timeout: 30_000 });
  await expect(page.getByTestId('search-results')).toBeVisible();
  await expect(page.getByTestId('search-progress-text')).toContainText(/trial \d of 4, fold \d of 2/, { timeout: 30_000 });
  await app.shot('search running');

  // Pause holds it, Resume goes on; Stop ends it and Resume runs the folds not done yet.
  const state = page.getByTestId('search-state');
  await page.getByTestId('search-pause').click();
  await expect(state).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('tab-search').locator('.live.paused')).toHaveCount(1);
  await page.getByTestId('search-resume').click();
  await expect(state).toHaveAttribute('data-status', /running|completed/);
  await page.getByTestId('search-stop').click();
  await expect(state).toHaveAttribute('data-status', /stopped|completed/, { timeout: 30_000 });
  const stopped = (await state.getAttribute('data-status')) === 'stopped';
  if (stopped) {
    await expect(state).toContainText('Stopped');
    await page.getByTestId('search-resume').click();
    await expect(state).toHaveAttribute('data-status', /running|completed/);
  }

  await expect(page.getByTestId('search-state')).toHaveAttribute('data-status', 'completed', { timeout: 200_000 });
  await expect(page.getByTestId('search-state')).toContainText('Completed: 4 trials');
  const rows = page.getByTestId('search-table-row');
  await expect(rows).toHaveCount(4);
  for (const score of await page.getByTestId('search-table-score').allTextContents()) expect(score).toMatch(/^\d\.\d+ ± \d\.\d+$/);
  await expect(page.locator('[data-testid="search-table-row"][data-best="true"]')).toHaveCount(1);
  // Four trials are few enough for every curve to be drawn.
  await expect(page.getByTestId('search-curves')).toHaveAttribute('data-lines', '4', { timeout: 20_000 });
  await expect(page.getByTestId('search-plot-dot')).toHaveCount(8);

  // Best first; a click on the score's header shows the worst first.
  const order = () => rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.trial));
  const bestFirst = await order();
  const scores = (await page.getByTestId('search-table-score').allTextContents()).map((s) => Number(s.split(' ')[0]));
  expect(scores).toEqual([...scores].sort((a, b) => a - b));
  await page.getByTestId('search-table-sort-score').click();
  await expect.poll(order).toEqual([...bestFirst].reverse());
  await page.getByTestId('search-table').scrollIntoViewIfNeeded();
  await app.shot('search table');
  await closeUp(app, page.getByTestId('inspector-panel'), 'search table panel');
  await page.getByTestId('search-plots').scrollIntoViewIfNeeded();
  await closeUp(app, page.getByTestId('inspector-panel'), 'search plots panel');
  await page.getByTestId('search-curves').scrollIntoViewIfNeeded();
  await closeUp(app, page.getByTestId('inspector-panel'), 'search curves panel');

  // Apply the best trial: the hidden layer takes its units, and Undo gives the old ones back.
  const values = (await page.getByTestId('search-apply-values').textContent())!;
  expect(values).toContain('★ best');
  const bestUnits = /units = (\d+)/.exec(values)![1];
  await page.getByTestId('search-apply').click();
  await expect(page.getByTestId('toast')).toContainText(/Applied trial \d/);
  expect(await hiddenUnits(page)).toBe(bestUnits);
  await expect(page.getByTestId(`node-${HIDDEN}`)).toContainText(bestUnits);
  await app.shot('best applied');

  await focusCanvas(page);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast')).toContainText(/Undid Apply trial \d/);
  expect(await hiddenUnits(page)).toBe('4');
  // The search itself stayed in the project through the apply and its undo.
  await page.getByTestId('tab-search').click();
  await page.getByTestId('search-view-setup').click();
  await expect(page.getByTestId('search-count')).toHaveText('4 configurations × 2 folds = 8 runs');

  // The runs table lists the 8 fold runs with their tags (and the one cut short by Stop).
  await page.getByTestId('search-view-results').click();
  await page.getByTestId('search-runs-table').click();
  await expect(page.getByTestId('runs-table-row')).toHaveCount(stopped ? 9 : 8, { timeout: 20_000 });
  await expect(page.getByTestId('runs-table-dialog')).toContainText('search · trial 1 fold 1');
  await app.shot('runs table');
});
