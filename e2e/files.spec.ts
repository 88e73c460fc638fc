/**
 * Project files through the real host: save and open with the in-app file
 * dialog (browser mode), bad files that must not touch the current work,
 * exporting TypeScript, and recovering unsaved work after a reload.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { newFromTemplate, nodeIds, setParam, summaryTotal } from './editor-helpers.ts';

test.skip(({ app }) => app.kind === 'electron', 'native file dialogs cannot be driven here; these specs use the in-app dialog of browser mode');

async function openThroughDialog(page: Page, fileName: string): Promise<void> {
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-file.open').click();
  const dialog = page.getByTestId('file-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId(`file-entry-${fileName}`).click();
  await expect(dialog.getByTestId('file-dialog-path')).toHaveValue(fileName);
  await dialog.getByTestId('file-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
}

test('saves through the in-app dialog, reloads, opens the file and finds the same graph', async ({ page, app }) => {
  await newFromTemplate(page, 'fashion-mnist-mlp');
  const ids = await nodeIds(page);
  expect(ids).toHaveLength(5);
  const dense = ids.find((id) => id.startsWith('dense'))!;
  await setParam(page, dense, 'units', '200');
  await expect(page.getByTestId('dirty-mark')).toBeVisible();
  const total = await summaryTotal(page);
  expect(total).toBe('178,110');

  await page.keyboard.press('Control+S');
  const dialog = page.getByTestId('file-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('file-dialog-dir')).toContainText(app.root);
  await dialog.getByTestId('file-dialog-path').fill('my mlp');
  await app.shot('save dialog');
  await dialog.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('toast')).toContainText('Saved my mlp.nwproj.json');
  await expect(page.getByTestId('dirty-mark')).toHaveCount(0);
  await expect(page.getByTestId('doc-title')).toContainText('my mlp.nwproj.json');

  const onDisk = JSON.parse(await readFile(join(app.root, 'my mlp.nwproj.json'), 'utf8'));
  expect(onDisk.format).toBe('netwright-project');
  expect(onDisk.nodes.map((n: { id: string }) => n.id)).toEqual(ids);
  expect(onDisk.nodes.find((n: { id: string }) => n.id === dense).params.units).toBe(200);

  await app.reload();
  await expect(page.getByTestId('recovery-dialog')).toHaveCount(0);
  await expect(page.getByTestId('canvas-empty')).toBeVisible();

  await openThroughDialog(page, 'my mlp.nwproj.json');
  await expect.poll(() => nodeIds(page)).toEqual(ids);
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(4);
  await expect.poll(() => summaryTotal(page)).toBe(total);
  await expect(page.getByTestId('dirty-mark')).toHaveCount(0);
  await app.shot('reopened');
});

test('opening a corrupt or newer file shows why and keeps the current graph', async ({ page, app }) => {
  await writeFile(join(app.root, 'broken.nwproj.json'), '{ "format": "netwright-project", "nodes": [ ');
  const future = { format: 'netwright-project', schemaVersion: 99, meta: { name: 'From the future' }, nodes: [], edges: [], dataset: null, training: {} };
  await writeFile(join(app.root, 'future.nwproj.json'), JSON.stringify(future));
  await newFromTemplate(page, 'xor-mlp');
  const ids = await nodeIds(page);
  const total = await summaryTotal(page);

  await openThroughDialog(page, 'broken.nwproj.json');
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('Could not open broken.nwproj.json');
  await expect(banner).toContainText('not valid JSON');
  await expect(banner).toContainText('Your current project is unchanged');
  await expect.poll(() => nodeIds(page)).toEqual(ids);
  await expect.poll(() => summaryTotal(page)).toBe(total);
  await app.shot('corrupt file refused');

  await openThroughDialog(page, 'future.nwproj.json');
  await expect(banner).toContainText('Could not open future.nwproj.json');
  await expect(banner).toContainText(/newer/i);
  await expect.poll(() => nodeIds(page)).toEqual(ids);
  await app.shot('newer file refused');
  await page.getByTestId('banner-dismiss').click();
  await expect(banner).toHaveCount(0);
});

test('exports TypeScript with a highlighted preview and the saved file holds the model code', async ({ page, app }) => {
  await newFromTemplate(page, 'fashion-mnist-mlp');
  await page.keyboard.press('Control+E');
  const dialog = page.getByTestId('export-dialog');
  const preview = dialog.getByTestId('export-preview');
  await expect(preview).toContainText('tf.layers.dense');
  await expect(preview.locator('.hljs-keyword').first()).toBeVisible();
  await app.shot('export preview');

  await dialog.getByTestId('export-save').click();
  const files = page.getByTestId('file-dialog');
  await expect(files.getByTestId('file-dialog-path')).toHaveValue(/\.ts$/);
  await files.getByTestId('file-dialog-path').fill('model.ts');
  await files.getByTestId('file-dialog-confirm').click();
  await expect(page.getByTestId('toast')).toContainText('Exported to');
  await expect(dialog).toHaveCount(0);

  const code = await readFile(join(app.root, 'model.ts'), 'utf8');
  expect(code).toContain('tf.layers.dense');
  expect(code).toContain('300');
});

test('offers unsaved work again after the page goes away without saving', async ({ page, app }) => {
  await newFromTemplate(page, 'xor-mlp');
  const ids = await nodeIds(page);
  const dense = ids.find((id) => id.startsWith('dense'))!;
  await setParam(page, dense, 'units', '9');
  // Autosave runs every few seconds while there is unsaved work.
  await page.waitForTimeout(4_000);
  await app.reload();

  const prompt = page.getByTestId('recovery-dialog');
  await expect(prompt).toBeVisible();
  await app.shot('recovery offered');
  await prompt.getByTestId('recovery-restore').click();
  await expect.poll(() => nodeIds(page)).toEqual(ids);
  await expect(page.getByTestId(`node-${dense}`)).toContainText('Units 9');
  await expect(page.getByTestId('dirty-mark')).toBeVisible();
});
