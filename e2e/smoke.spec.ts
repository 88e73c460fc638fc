import { expect, test } from './fixtures.ts';

test('the editor loads, reaches its host and shows the templates', async ({ page, app }) => {
  await expect(page.getByTestId('app')).toBeVisible();
  await expect(page).toHaveTitle(/Netwright/);

  if (app.kind === 'browser') {
    // A call of our own over the page's origin and token: proves the socket, the token check and the CSP let the UI through.
    const templates = await page.evaluate(async () => {
      const token = new URLSearchParams(location.search).get('token');
      const socket = new WebSocket(`ws://${location.host}/api?token=${token}`);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const reply = await new Promise<{ type: string; value: { id: string }[] }>((resolve) => {
        socket.onmessage = (m) => resolve(JSON.parse(String(m.data)));
        socket.send(JSON.stringify({ type: 'call', id: 1, method: 'listTemplates', args: [] }));
      });
      socket.close();
      return reply;
    });
    expect(templates.type).toBe('result');
    expect(templates.value.map((t) => t.id)).toContain('fashion-mnist-mlp');
  }

  await page.getByTestId('menu-file').click();
  await page.getByTestId('menu-item-file.new').click();
  await expect(page.getByTestId('template-fashion-mnist-mlp')).toBeVisible();
  await app.shot('template gallery');
});
