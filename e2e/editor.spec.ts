/**
 * The editor as a person uses it: building a network by hand, reading the
 * summary, fixing what the diagnostics point at, undoing and redoing.
 */
import { COMMANDS, menuGroups, MENUS, type CommandId } from '../src/shared/protocol/commands.ts';
import { expect, test } from './fixtures.ts';
import { buildFashionMlp, connect, dragNode, dropLayer, expectTidyLayout, nodeIds, selectNode, setParam, summaryTotal } from './editor-helpers.ts';

test('builds the Fashion-MNIST MLP from an empty canvas and reads 266,610 in the summary', async ({ page, app }) => {
  await expect(page.getByTestId('canvas-empty')).toBeVisible();
  await app.shot('empty canvas');
  const [input, flatten, dense1, dense2, dense3] = await buildFashionMlp(page);

  // Every node shows its output shape and parameter count, every edge the shape it carries.
  await expect(page.getByTestId(`shape-${input}`)).toHaveText('[null, 28, 28]');
  await expect(page.getByTestId(`shape-${flatten}`)).toHaveText('[null, 784]');
  await expect(page.getByTestId(`params-${dense1}`)).toHaveText('235,500');
  await expect(page.getByTestId(`params-${dense2}`)).toHaveText('30,100');
  await expect(page.getByTestId(`params-${dense3}`)).toHaveText('1,010');
  await expect(page.getByTestId(`node-${dense1}`)).toContainText('relu');
  await expect(page.locator('[data-testid^="edge-label-"]')).toHaveText(['[null, 28, 28]', '[null, 784]', '[null, 300]', '[null, 100]']);
  await app.shot('wired mlp');

  await expect.poll(() => summaryTotal(page)).toBe('266,610');
  await expect(page.getByTestId('summary-trainable')).toHaveText('266,610');
  await expect(page.getByTestId('summary-non-trainable')).toHaveText('0');
  // Weights, gradients and Adam's two slots (16 bytes a weight) and one batch of 32: the layers' 1,978 outputs, kept and differentiated.
  await expect(page.getByTestId('memory-total')).toHaveText('≈ 4.55 MB');
  await expect(page.getByTestId('memory-need')).toContainText(/one batch of 32 495 KB; this machine has [\d.]+ GB/);
  await expect(page.getByTestId('memory-verdict')).toHaveCount(0);
  await app.shot('summary');

  await page.getByTestId('tab-diagnostics').click();
  await expect(page.getByTestId('diagnostics-clear')).toBeVisible();
  await expect(page.getByTestId('status-problems')).toHaveText('0 errors, 0 warnings');

  // The layout holds at the two window sizes people use most.
  for (const size of [{ width: 1280, height: 800 }, { width: 1600, height: 900 }]) {
    await page.setViewportSize(size);
    await page.getByTestId('tool-fit').click();
    await expectTidyLayout(page);
    await app.shot(`layout ${size.width}x${size.height}`);
  }
});

test('a Dense fed a 28×28 input shows the diagnostic, and its Insert Flatten fix clears it', async ({ page, app }) => {
  const input = await dropLayer(page, 'Input', 120, 200);
  await setParam(page, input, 'shape', '28, 28');
  const dense = await dropLayer(page, 'Dense', 520, 200);
  await setParam(page, dense, 'units', '10');
  // The inspector draws the chosen activation and its derivative beside the field.
  await setParam(page, dense, 'activation', 'tanh');
  await expect(page.getByTestId('activation-plot').locator('svg')).toHaveAttribute('aria-label', 'tanh and its derivative from -4 to 4');
  await app.shot('activation plot');
  // A softmax output matches the default loss, so the shape error is the only problem.
  await setParam(page, dense, 'activation', 'softmax');
  await expect(page.getByTestId('activation-plot')).toHaveCount(0);
  await expect(page.getByTestId('activation-plot-note')).toContainText('probabilities that sum to 1');
  await connect(page, input, dense);
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(1);

  // The node is marked and the edge flagged; the diagnostic names the layer, the shape and the fix.
  await expect(page.getByTestId(`mark-${dense}`)).toBeVisible();
  await expect(page.getByTestId('status-problems')).toHaveText(/^1 error/);
  await page.getByTestId('status-problems').click();
  const problem = page.getByTestId('diagnostic').filter({ hasText: 'Dense expects a 2-D input' });
  await expect(problem).toContainText('[null, 28, 28]');
  await expect(problem).toContainText('insert a Flatten');
  await app.shot('dense diagnostic');

  // Clicking the message selects the layer it is about.
  await problem.locator('.message').click();
  await expect(page.locator(`.svelte-flow__node.selected [data-testid="node-${dense}"]`)).toHaveCount(1);

  await problem.getByTestId('diagnostic-fix').click();
  await expect(page.getByTestId('diagnostics-clear')).toBeVisible();
  await expect(page.getByTestId(`mark-${dense}`)).toHaveCount(0);
  const flatten = (await nodeIds(page)).find((id) => id.startsWith('flatten'))!;
  await expect(page.getByTestId(`shape-${flatten}`)).toHaveText('[null, 784]');
  await expect.poll(() => summaryTotal(page)).toBe('7,850');
  await app.shot('fixed with flatten');

  // The fix is one undoable step.
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId(`mark-${dense}`)).toBeVisible();
  await expect(page.locator(`[data-testid="node-${flatten}"]`)).toHaveCount(0);
});

test('refuses a connection that would make a loop and says why at the cursor', async ({ page, app }) => {
  const a = await dropLayer(page, 'Dense', 140, 160);
  const b = await dropLayer(page, 'Dense', 440, 160);
  const add = await dropLayer(page, 'Add', 300, 400);
  await connect(page, a, b);
  await connect(page, b, add);
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(2);

  // Hold the wire over the refusing port: the reason shows next to the pointer before letting go.
  const from = (await page.getByTestId(`handle-out-${add}`).boundingBox())!;
  const to = (await page.getByTestId(`handle-in-${a}`).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 10 });
  await expect(page.getByTestId('connection-hint')).toContainText('would make a loop (dense_1 → dense_2 → add_1 → dense_1)');
  await app.shot('loop refused at cursor');
  await page.mouse.up();
  await expect(page.getByTestId('toast')).toContainText('Not connected');
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(2);
});

test('undoes and redoes across several edits: adds, a wire, a parameter, a drag', async ({ page, app }) => {
  const input = await dropLayer(page, 'Input', 120, 200);
  const dense = await dropLayer(page, 'Dense', 480, 200);
  await connect(page, input, dense);
  await setParam(page, dense, 'units', '64');
  const before = await page.getByTestId(`node-${dense}`).boundingBox();
  await dragNode(page, dense, 60, 120);
  const after = await page.getByTestId(`node-${dense}`).boundingBox();
  // Svelte Flow starts the drag once the pointer has moved, so the layer trails the pointer by the first step.
  expect(after!.y - before!.y).toBeGreaterThan(90);
  await expect.poll(() => summaryTotal(page)).toBe('192');
  await app.shot('four kinds of edit');

  // Undo: the drag (one step, however many pointer moves), the units, the wire, the Dense, the Input.
  await page.keyboard.press('Control+Z');
  await expect.poll(async () => (await page.getByTestId(`node-${dense}`).boundingBox())!.y).toBeCloseTo(before!.y, 0);
  await page.keyboard.press('Control+Z');
  await expect.poll(() => summaryTotal(page)).toBe('96');
  await expect(page.getByTestId(`node-${dense}`)).toContainText('Units 32');
  await page.keyboard.press('Control+Z');
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(0);
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId(`node-${dense}`)).toHaveCount(0);
  await page.getByTestId('tool-undo').click();
  await expect(page.getByTestId('canvas-empty')).toBeVisible();
  await expect(page.getByTestId('tool-undo')).toBeDisabled();
  await app.shot('all undone');

  // Redo all of it, with both shortcuts.
  await page.keyboard.press('Control+Shift+Z');
  await page.keyboard.press('Control+Y');
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(1);
  await page.keyboard.press('Control+Y');
  await page.keyboard.press('Control+Y');
  await expect.poll(() => summaryTotal(page)).toBe('192');
  await expect.poll(async () => (await page.getByTestId(`node-${dense}`).boundingBox())!.y).toBeCloseTo(after!.y, 0);
  await expect(page.getByTestId('tool-redo')).toBeDisabled();
  await app.shot('all redone');
});

test('copies, pastes, duplicates and deletes layers from the keyboard', async ({ page, app }) => {
  const input = await dropLayer(page, 'Input', 120, 200);
  const dense = await dropLayer(page, 'Dense', 480, 200);
  await connect(page, input, dense);
  await setParam(page, dense, 'units', '7');

  await selectNode(page, dense);
  await page.keyboard.press('Control+C');
  await page.keyboard.press('Control+V');
  await expect.poll(async () => (await nodeIds(page)).length).toBe(3);
  const pasted = (await nodeIds(page)).find((id) => id !== input && id !== dense)!;
  await expect(page.getByTestId(`node-${pasted}`)).toContainText('Units 7');

  // Shift-click adds to the selection.
  await selectNode(page, input);
  await page.getByTestId(`node-${pasted}`).locator('.kind').click({ modifiers: ['Shift'] });
  await expect(page.locator('.svelte-flow__node.selected')).toHaveCount(2);

  await page.keyboard.press('Control+A');
  await expect(page.locator('.svelte-flow__node.selected')).toHaveCount(3);
  await page.keyboard.press('Control+D');
  await expect.poll(async () => (await nodeIds(page)).length).toBe(6);
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(2);
  await app.shot('pasted and duplicated');

  await page.keyboard.press('Delete');
  await expect.poll(async () => (await nodeIds(page)).length).toBe(3);
  await page.keyboard.press('Control+Z');
  await expect.poll(async () => (await nodeIds(page)).length).toBe(6);
});

test('the in-page menus show the command table: its labels, its keys, its groups', async ({ page }) => {
  const mac = await page.evaluate(() => /Mac/.test(navigator.platform));
  for (const menu of MENUS) {
    await page.getByTestId(`menu-${menu.id}`).click();
    const dropdown = page.getByRole('menu');
    const shown = await dropdown.locator('[data-testid^="menu-item-"]').evaluateAll((els) =>
      els.map((e) => ({ id: (e as HTMLElement).dataset.testid!.slice('menu-item-'.length), label: e.querySelector('span')!.textContent!.trim(), key: e.querySelector('kbd')!.textContent!.trim() })),
    );
    // A fresh page has no history, so Undo and Redo read as in the table.
    const groups = menuGroups(menu.id);
    expect(shown.map((s) => s.id)).toEqual(groups.flat());
    for (const s of shown) {
      const spec = COMMANDS[s.id as CommandId];
      expect(s.label).toBe(spec.label);
      // The first key, as Linux and Windows write it (macOS draws ⇧⌘ symbols instead).
      if (!mac) expect(s.key).toBe(spec.keys[0].replace(/^Mod\+/, 'Ctrl+').replace('Delete', 'Del'));
    }
    await expect(dropdown.locator('hr')).toHaveCount(groups.length - 1);
    await page.keyboard.press('Escape');
    await expect(dropdown).toHaveCount(0);
  }
});
