/**
 * Watching a small network learn: the XOR template starts at a watchable
 * pace, a paused run trains one batch per Step, the pace changes while the
 * run goes, and a learning-rate change made while it runs is marked on the
 * loss curve.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { newFromTemplate } from './editor-helpers.ts';

const phase = (page: Page) => page.getByTestId('train-state');

async function stepCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('train-step').textContent());
}

test('XOR at a watchable speed: Step trains one batch, the pace and the learning rate change while it runs', async ({ page, app }) => {
  test.setTimeout(120_000);
  await newFromTemplate(page, 'xor-mlp');
  await page.getByTestId('tab-train').click();
  // 17 parameters on 200 generated points: the run starts at 10 steps per second.
  const speed = page.getByTestId('train-speed');
  await expect(speed).toHaveValue('10');
  await expect(page.getByTestId('train-step-button')).toBeDisabled();
  await app.shot('watch speed before the run');

  await page.getByTestId('train-start').click();
  await expect(phase(page)).toHaveAttribute('data-phase', 'running', { timeout: 30_000 });
  await page.getByTestId('dash-tab-curves').click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
  // 600 steps at 10 a second: a minute, not the second it takes at full speed.
  const a = await stepCount(page);
  await page.waitForTimeout(1000);
  const b = await stepCount(page);
  expect(b - a).toBeGreaterThanOrEqual(4);
  expect(b - a).toBeLessThanOrEqual(16);
  await app.shot('training at 10 steps per second');

  await page.getByTestId('train-pause').click();
  await expect(phase(page)).toHaveAttribute('data-phase', 'paused');
  await expect(page.getByTestId('train-step-button')).toBeEnabled();
  await page.waitForTimeout(600);
  const pausedAt = await stepCount(page);
  for (const n of [1, 2]) {
    await page.getByTestId('train-step-button').click();
    await expect.poll(() => stepCount(page)).toBe(pausedAt + n);
    await expect(phase(page)).toHaveAttribute('data-phase', 'paused');
  }
  // Nothing else trains while paused.
  await page.waitForTimeout(800);
  expect(await stepCount(page)).toBe(pausedAt + 2);
  await app.shot('paused after two single steps');

  // The pace changes for the live run, and the run says so.
  await speed.selectOption('30');
  await expect(speed).toHaveAttribute('data-speed', '30');
  await page.getByTestId('train-pause').click();
  await expect(phase(page)).toHaveAttribute('data-phase', 'running');
  const c = await stepCount(page);
  await page.waitForTimeout(1000);
  expect((await stepCount(page)) - c).toBeGreaterThan(16);

  // The learning rate changes while the run goes and is marked on the loss curve at that step.
  const rate = page.getByTestId('setting-live-learningRate');
  await expect(rate).toHaveValue('0.05');
  await rate.fill('0.2');
  await rate.press('Enter');
  const marker = page.getByTestId('loss-chart-loss-marker');
  await expect(marker).toHaveText('lr 0.05 → 0.2', { timeout: 10_000 });
  await expect(rate).toHaveValue('0.2');
  await expect(page.getByTestId('loss-chart-metric-marker')).toHaveText('lr 0.05 → 0.2');
  // An L2 penalty too, for the record.
  const l2 = page.getByTestId('setting-live-l2');
  await l2.fill('0.001');
  await l2.press('Enter');
  await expect(page.getByTestId('loss-chart-loss-marker')).toHaveCount(2, { timeout: 10_000 });
  await page.getByTestId('loss-chart-x-unit').selectOption('step');
  await page.waitForTimeout(1500);
  await app.shot('learning rate and L2 changed while running');

  await page.getByTestId('train-stop').click();
  await expect(phase(page)).toHaveAttribute('data-phase', 'stopped', { timeout: 20_000 });
  await expect(page.getByTestId('train-live-rates')).toHaveCount(0);
  // The markers stay with the run.
  await expect(page.getByTestId('loss-chart-loss-marker')).toHaveCount(2);
});
