import { describe, expect, it } from 'vitest';
import { netwright as run } from './testing.ts';


describe('netwright serve options', () => {
  it('is listed in the help', async () => {
    expect((await run('--help')).out).toMatch(/serve \[--port N\] \[--host H\] \[--root DIR\] \[--no-open\]/);
  });

  it('rejects a bad port, a missing root folder and unknown options in one line each', async () => {
    expect(await run('serve', '--port', 'http')).toMatchObject({ code: 2, err: 'netwright serve: --port: expected a port number from 0 to 65535, got "http"\n' });
    expect(await run('serve', '--port', '70000')).toMatchObject({ code: 2 });
    expect(await run('serve', '--root', '/no/such/folder')).toMatchObject({ code: 2, err: 'netwright serve: --root /no/such/folder: no such folder\n' });
    expect(await run('serve', '--tokn', 'x')).toMatchObject({ code: 2, err: 'netwright serve: unknown option --tokn\n' });
  });
});
