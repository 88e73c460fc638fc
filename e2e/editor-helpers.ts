/**
 * What a person does with the editor, as steps the scenario specs share:
 * drag a layer from the palette, wire two ports, type a parameter.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import type { GraphDoc } from '../src/shared/document/index.ts';
import { expect } from './fixtures.ts';

/** Centre of an element in page coordinates. */
async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Drags a kind from the palette onto the canvas at (x, y) relative to the
 * canvas' top-left corner; returns the new layer's id (the store selects it).
 */
export async function dropLayer(page: Page, kind: string, x: number, y: number): Promise<string> {
  const before = await nodeIds(page);
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before.length + 1);
  const added = (await nodeIds(page)).filter((id) => !before.includes(id));
  return added[0];
}

export async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="node-"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid!.slice('node-'.length)));
}

/** Drags with the mouse from `source`'s output port to `target`'s input port, the way a person wires layers. */
export async function connect(page: Page, source: string, target: string): Promise<void> {
  const from = await centre(page.getByTestId(`handle-out-${source}`));
  const to = await centre(page.getByTestId(`handle-in-${target}`));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 20, { steps: 6 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** Selects the layer and sets one parameter through the inspector (Enter commits text fields). */
export async function setParam(page: Page, node: string, name: string, value: string): Promise<void> {
  await selectNode(page, node);
  await page.getByTestId('tab-inspector').click();
  const field = page.getByTestId(`param-${name}`);
  if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
  else {
    await field.fill(value);
    await field.press('Enter');
  }
}

/** Clicks the layer's title, away from its ports. */
export async function selectNode(page: Page, node: string): Promise<void> {
  await page.getByTestId(`node-${node}`).locator('.kind').click();
  await expect(page.locator(`.svelte-flow__node.selected [data-testid="node-${node}"]`)).toHaveCount(1);
}

/** Drags a layer by its title by (dx, dy) screen pixels. */
export async function dragNode(page: Page, node: string, dx: number, dy: number): Promise<void> {
  const at = await centre(page.getByTestId(`node-${node}`).locator('.kind'));
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + dx / 2, at.y + dy / 2, { steps: 5 });
  await page.mouse.move(at.x + dx, at.y + dy, { steps: 5 });
  await page.mouse.up();
}

export async function summaryTotal(page: Page): Promise<string> {
  await page.getByTestId('tab-summary').click();
  return (await page.getByTestId('summary-total').textContent())!.trim();
}

/** Input 28×28 → Flatten → Dense 300 relu → Dense 100 relu → Dense 10 softmax, dragged and wired by hand. */
export async function buildFashionMlp(page: Page): Promise<string[]> {
  const input = await dropLayer(page, 'Input', 110, 140);
  // The Input's shape comes first: a Flatten refuses a connection from a flat input.
  await setParam(page, input, 'shape', '28, 28');
  const flatten = await dropLayer(page, 'Flatten', 150, 330);
  const dense1 = await dropLayer(page, 'Dense', 400, 140);
  await setParam(page, dense1, 'units', '300');
  await setParam(page, dense1, 'activation', 'relu');
  const dense2 = await dropLayer(page, 'Dense', 470, 330);
  await setParam(page, dense2, 'units', '100');
  await setParam(page, dense2, 'activation', 'relu');
  const dense3 = await dropLayer(page, 'Dense', 690, 140);
  await setParam(page, dense3, 'units', '10');
  await setParam(page, dense3, 'activation', 'softmax');
  const chain = [input, flatten, dense1, dense2, dense3];
  for (let i = 1; i < chain.length; i++) {
    await connect(page, chain[i - 1], chain[i]);
    await expect(page.locator('.svelte-flow__edge')).toHaveCount(i);
  }
  return chain;
}

/** Fails when two of the main panels overlap or one leaves the window. */
export async function expectTidyLayout(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  const boxes = [];
  for (const id of ['palette', 'canvas', 'inspector-panel', 'status-bar']) {
    const box = await page.getByTestId(id).boundingBox();
    expect(box, `${id} is visible`).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width + 0.5);
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height + 0.5);
    boxes.push({ id, ...box! });
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      expect(overlapX > 1 && overlapY > 1, `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
}

/** File › New › a template, and waits until the canvas shows its layers. */
export async function newFromTemplate(page: Page, id: string): Promise<void> {
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-file.new').click();
  await page.getByTestId(`template-${id}`).click();
  await expect(page.getByTestId('template-gallery')).toHaveCount(0);
  // The canvas draws the new graph a frame later; callers read its nodes at once.
  await expect(page.locator('.svelte-flow__node').first()).toBeVisible();
}

/** Writes a project into the host's root and opens it through the in-app dialog. */
export async function openProject(page: Page, root: string, name: string, doc: GraphDoc): Promise<void> {
  await writeFile(join(root, name), JSON.stringify(doc, null, 2));
  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-file.open').click();
  const dialog = page.getByTestId('file-dialog');
  await dialog.getByTestId(`file-entry-${name}`).click();
  await dialog.getByTestId('file-dialog-confirm').click();
  await expect(dialog).toHaveCount(0);
}

/** Pixels of an element's screenshot. */
export async function pixels(locator: Locator): Promise<PNG> {
  return PNG.sync.read(await locator.screenshot());
}

/** How many pixels of two same-sized pictures differ visibly (a colour distance over 30). */
export function differingPixels(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return a.width * a.height;
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > 30) n++;
  }
  return n;
}

/** Types a number of epochs into the Train tab's field. */
export async function setEpochs(page: Page, epochs: string): Promise<void> {
  await page.getByTestId('tab-train').click();
  const input = page.getByTestId('setting-epochs');
  await input.fill(epochs);
  await input.press('Enter');
  await expect(input).toHaveValue(epochs);
}
