import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startServer } from '../serve.ts';
import { BUILD_COMMAND, buildWeb, DEFAULT_WEB_DIR, hasWebBuild } from '../serve/build.ts';
import { isLoopback } from '../serve/security.ts';
import { CliError, type Command } from './io.ts';
import { parseArgs } from './project-file.ts';

export const DEFAULT_PORT = 5317;

export const serveCommand: Command = {
  name: 'serve',
  usage: 'serve [--port N] [--host H] [--root DIR] [--no-open] [--build]',
  summary: 'run the editor in a browser (browser mode)',
  async run(args, io) {
    const { positional, values, flags } = parseArgs(args, { values: ['port', 'host', 'root'], flags: ['no-open', 'build'] });
    if (positional.length) throw new CliError(`unexpected argument ${JSON.stringify(positional[0])}`);
    const port = parsePort(values.get('port'));
    const host = values.get('host') ?? '127.0.0.1';
    const root = resolve(values.get('root') ?? process.cwd());
    const rootInfo = await stat(root).catch(() => null);
    if (!rootInfo?.isDirectory()) throw new CliError(`--root ${root}: no such folder`);

    if (flags.has('build') || !(await hasWebBuild(DEFAULT_WEB_DIR))) {
      try {
        await buildWeb(io.err);
      } catch (err) {
        throw new CliError(`could not build the web UI (${(err as Error).message}); run \`${BUILD_COMMAND}\` to see why`);
      }
    }

    const server = await startServer({ port, host, root, log: io.err }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') throw new CliError(`port ${port} on ${host} is in use; pass --port N, or --port 0 for any free port`);
      if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new CliError(`--host ${host}: not an address of this machine`);
      throw err;
    });
    io.out(`Netwright is running at ${server.url}`);
    io.out(`Files are opened and saved under ${root}. Press Ctrl+C to stop.`);
    if (!isLoopback(host)) io.err(`warning: listening on ${host}; anyone who has the URL with its token can read and write files under ${root}.`);
    if (!flags.has('no-open')) openBrowser(server.url);

    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await server.close();
    return 0;
  },
};

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port: expected a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

/** Best effort: on a machine without a desktop the printed URL is the way in. */
function openBrowser(url: string): void {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener installed.
  }
}
