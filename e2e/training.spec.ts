/**
 * Training from the designer against the real host and the real trainer:
 * XOR learns and its boundary bends, an MNIST subset gives curves, weight
 * pictures and a confusion matrix, a run pauses, resumes and stops, and two
 * runs' curves overlay. NW_E2E_LONG=1 adds a long MNIST run that measures the
 * renderer's heap while events stream.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { getTemplate } from '../src/shared/templates/index.ts';
import type { DatasetRef, GraphDoc } from '../src/shared/document/index.ts';
import { expect, test } from './fixtures.ts';
import { differingPixels, newFromTemplate, openProject, pixels } from './editor-helpers.ts';

test.skip(({ app }) => app.kind === 'electron', 'projects are opened through the in-app dialog of browser mode');

/** A template's document with a smaller dataset and fewer epochs, so the run fits the test's time. */
function shrunk(id: string, dataset: (d: DatasetRef) => DatasetRef, epochs: number): GraphDoc {
  const doc = getTemplate(id)!.build();
  return { ...doc, dataset: doc.dataset && dataset(doc.dataset), training: { ...doc.training, epochs } };
}

async function setSetting(page: Page, field: string, value: string): Promise<void> {
  await page.getByTestId('tab-train').click();
  const input = page.getByTestId(`setting-${field}`);
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}

async function start(page: Page): Promise<void> {
  await page.getByTestId('tab-train').click();
  // Small generated sets start at a watchable pace (learning-speed.spec.ts); these tests want the runs done.
  await page.getByTestId('train-speed').selectOption('full');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
}

const phase = (page: Page) => page.getByTestId('train-state');

async function waitForEnd(page: Page, timeout: number): Promise<void> {
  await expect(phase(page)).toHaveAttribute('data-phase', /completed|early-stopped|stopped|failed|crashed/, { timeout });
}

async function lastLoss(page: Page): Promise<number> {
  return Number(await page.getByTestId('loss-chart').getAttribute('data-last-loss'));
}

test('XOR trains: the loss falls and the decision boundary bends', async ({ page, app }) => {
  test.setTimeout(120_000);
  await newFromTemplate(page, 'xor-mlp');
  await setSetting(page, 'epochs', '150');
  await app.shot('train panel');
  await start(page);

  await expect(page.getByTestId('backend-badge')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('dash-tab-boundary').click();
  const plot = page.getByTestId('dash-boundary');
  await expect(plot).toHaveAttribute('data-epoch', /\d/, { timeout: 30_000 });
  const early = await pixels(page.getByTestId('boundary-plot'));
  await page.getByTestId('dash-tab-curves').click();
  await expect.poll(() => lastLoss(page), { timeout: 20_000 }).toBeGreaterThan(0);
  const firstLoss = await lastLoss(page);
  await app.shot('xor early');

  await waitForEnd(page, 90_000);
  await expect(phase(page)).toHaveAttribute('data-phase', 'completed');
  await expect(page.getByTestId('train-exit')).toContainText(/epoch/i);
  const finalLoss = await lastLoss(page);
  expect(finalLoss).toBeLessThan(firstLoss * 0.6);
  await expect(page.getByTestId('loss-chart-loss-value')).not.toBeEmpty();
  await app.shot('xor curves');

  await page.getByTestId('dash-tab-boundary').click();
  const late = await pixels(page.getByTestId('boundary-plot'));
  expect(differingPixels(early, late)).toBeGreaterThan(500);
  // The hidden Dense layer shows its units' outputs on the canvas too.
  await expect(page.locator('[data-testid^="units-"]').first()).toBeVisible();
  await app.shot('xor boundary');

  await page.getByTestId('dash-tab-evaluation').click();
  await expect(page.getByTestId('evaluation-confusion')).toBeVisible();
  await page.getByTestId('dash-tab-weights').click();
  await expect(page.getByTestId('weights-gradients')).toBeVisible();
  await app.shot('xor weights');
});

test('MNIST on a subset: curves, first-layer weight pictures and a confusion matrix', async ({ page, app }) => {
  test.setTimeout(150_000);
  // The empty project the page starts with cannot train; the panel says why.
  await page.getByTestId('tab-train').click();
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-start-error')).toBeVisible();
  await expect(page.getByTestId('train-start-error')).not.toBeEmpty();
  await app.shot('start refused');

  const doc = shrunk('mnist-softmax', (d) => ({ ...d, kind: 'builtin', name: 'mnist', trainSubset: 2000, testSubset: 500 }) as DatasetRef, 1);
  await openProject(page, app.root, 'mnist-small.nwproj.json', doc);
  await start(page);
  await waitForEnd(page, 120_000);
  await expect(phase(page)).toHaveAttribute('data-phase', 'completed');
  await expect.poll(() => lastLoss(page)).toBeGreaterThan(0);
  await app.shot('mnist curves');

  await page.getByTestId('dash-tab-weights').click();
  await expect(page.getByTestId('weights-images')).toBeVisible();
  await expect(page.getByTestId('weights-heatmap')).toBeVisible();
  await app.shot('mnist weights');

  await page.getByTestId('dash-tab-evaluation').click();
  await expect(page.getByTestId('evaluation-confusion')).toBeVisible();
  await expect(page.getByTestId('evaluation-accuracy')).toHaveText(/\d+\.\d %/);
  await expect(page.getByTestId('evaluation-gallery')).toBeVisible();
  await app.shot('mnist evaluation');

  await page.getByTestId('dash-tab-try').click();
  const box = (await page.getByTestId('try-draw').locator('canvas').first().boundingBox())!;
  // A "1": one stroke down the middle.
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.8, { steps: 12 });
  await page.mouse.up();
  await expect(page.getByTestId('try-bars')).toBeVisible();
  await app.shot('mnist try it');
});

test('a run pauses, resumes and stops; two runs overlay in Curves', async ({ page, app }) => {
  test.setTimeout(150_000);
  await newFromTemplate(page, 'xor-mlp');
  await setSetting(page, 'epochs', '20000');
  await start(page);
  await expect(phase(page)).toHaveAttribute('data-phase', 'running', { timeout: 30_000 });
  await expect(page.getByTestId('train-epoch')).not.toHaveText('1', { timeout: 20_000 });

  await page.getByTestId('train-pause').click();
  await expect(phase(page)).toHaveAttribute('data-phase', 'paused');
  await expect(page.getByTestId('train-pause')).toHaveText(/Resume/);
  const pausedAt = await page.getByTestId('train-epoch').textContent();
  await page.waitForTimeout(1500);
  await expect(page.getByTestId('train-epoch')).toHaveText(pausedAt!);
  await app.shot('paused');

  await page.getByTestId('train-pause').click();
  await expect(phase(page)).toHaveAttribute('data-phase', 'running');
  await expect(page.getByTestId('train-epoch')).not.toHaveText(pausedAt!, { timeout: 20_000 });

  await page.getByTestId('train-stop').click();
  await expect(phase(page)).toHaveAttribute('data-phase', 'stopped', { timeout: 20_000 });
  await expect(page.getByTestId('train-start')).toBeEnabled();
  await app.shot('stopped');

  // A second, different run: a higher learning rate for a few epochs.
  await setSetting(page, 'epochs', '40');
  await setSetting(page, 'learningRate', '0.2');
  // This time by keyboard: Ctrl+Enter starts, as the Start button's tooltip says.
  await expect(page.getByTestId('train-start')).toHaveAttribute('title', /Ctrl\+Enter/);
  await page.keyboard.press('Control+Enter');
  await expect(phase(page)).not.toHaveAttribute('data-phase', 'stopped');
  await waitForEnd(page, 60_000);

  await page.getByTestId('dash-tab-runs').click();
  const rows = page.getByTestId('run-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveAttribute('data-status', 'stopped');
  await rows.nth(1).getByTestId('run-overlay').click();
  await expect(page.getByTestId('dash-compare')).toBeVisible();
  await app.shot('runs list');
  await page.getByTestId('dash-tab-curves').click();
  const legend = await page.getByTestId('loss-chart-legend').textContent();
  expect(new Set(legend?.match(/Run \d\d:\d\d:\d\d/g)).size).toBe(2);
  await app.shot('overlay');

  // The finished run's model goes to a folder as tfjs files and a TypeScript project.
  await page.getByTestId('dash-tab-runs').click();
  await rows.nth(0).getByTestId('run-export').click();
  await page.getByTestId('export-dir').fill('xor-trained');
  await page.getByTestId('export-go').click();
  await expect(page.getByTestId('toast')).toContainText('Exported');
  expect(await readdir(join(app.root, 'xor-trained'))).toEqual(expect.arrayContaining(['package.json']));

  // Restoring the stopped run's graph asks first (the canvas has unsaved edits) and is one undo step.
  await rows.nth(1).getByTestId('run-restore').click();
  await page.getByTestId('confirm-restore').click();
  await page.getByTestId('tab-train').click();
  await expect(page.getByTestId('setting-epochs')).toHaveValue('20000');
  await page.getByTestId('tool-undo').click();
  await expect(page.getByTestId('setting-epochs')).toHaveValue('40');
});

// Minutes long, so only on request: NW_E2E_LONG=1 node scripts/e2e.mjs e2e/training.spec.ts -g heap
(process.env.NW_E2E_LONG ? test : test.skip)('a long MNIST run keeps the renderer heap flat', async ({ page, app }) => {
  test.setTimeout(600_000);
  const doc = shrunk('mnist-softmax', (d) => d, Number(process.env.NW_E2E_LONG_EPOCHS ?? 3));
  await openProject(page, app.root, 'mnist-full.nwproj.json', doc);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 2 ** 20;
  };
  await start(page);
  await expect(phase(page)).toHaveAttribute('data-phase', 'running', { timeout: 60_000 });
  await page.getByTestId('dash-tab-weights').click();
  const samples: { t: number; mb: number; epoch: string | null }[] = [];
  const t0 = Date.now();
  while (!/completed|stopped|failed|crashed/.test((await phase(page).getAttribute('data-phase')) ?? '')) {
    samples.push({ t: (Date.now() - t0) / 1000, mb: await heap(), epoch: await page.getByTestId('train-epoch').textContent().catch(() => null) });
    // Switch views now and then, as a person would, so that every view's drawing is part of the figure.
    await page.getByTestId(samples.length % 2 ? 'dash-tab-curves' : 'dash-tab-weights').click();
    await page.waitForTimeout(5000);
  }
  const mb = samples.map((s) => s.mb);
  const settled = mb.slice(Math.min(2, mb.length - 1));
  console.log(`renderer heap (MB, after GC) every 5 s over ${samples.at(-1)?.t.toFixed(0)} s: ${mb.map((m) => m.toFixed(1)).join(' ')}`);
  console.log(`min ${Math.min(...settled).toFixed(1)} MB, max ${Math.max(...settled).toFixed(1)} MB, last ${settled.at(-1)?.toFixed(1)} MB`);
  expect(Math.max(...settled) - Math.min(...settled)).toBeLessThan(25);
  await app.shot('long run');
});
