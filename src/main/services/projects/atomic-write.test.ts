import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEMP_PREFIX, writeFileAtomic } from './atomic-write.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nw-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temp file behind', async () => {
    const file = join(dir, 'a.json');
    await writeFile(file, 'old');
    await writeFileAtomic(file, 'new content');
    expect(await readFile(file, 'utf8')).toBe('new content');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('cleans up its temp file and keeps the target when the rename fails', async () => {
    // A non-empty folder in the way makes rename fail after the temp file is fully written.
    const target = join(dir, 'busy');
    await mkdir(target);
    await writeFile(join(target, 'inside.txt'), 'keep me');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['busy']);
    expect(await readFile(join(target, 'inside.txt'), 'utf8')).toBe('keep me');
  });

  it('fails cleanly when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'a.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves the old file whole when the process is killed in the middle of a save', async () => {
    const file = join(dir, 'project.json');
    await writeFile(file, 'the old, complete project');
    // The child writes the temp file, then stalls in fsync (before the rename) and is killed there.
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', killedMidWrite(file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('in fsync') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(await readFile(file, 'utf8')).toBe('the old, complete project');
    // The finished temp file is the only trace, and its prefix lets folder listings hide it.
    const leftovers = (await readdir(dir)).filter((n) => n !== 'project.json');
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0].startsWith(TEMP_PREFIX)).toBe(true);
  });
});

function killedMidWrite(file: string): string {
  const module = fileURLToPath(new URL('./atomic-write.ts', import.meta.url));
  return `
    const fs = await import('node:fs/promises');
    const probe = await fs.open(${JSON.stringify(file)}, 'r');
    const proto = Object.getPrototypeOf(probe);
    await probe.close();
    proto.sync = () => { process.stdout.write('in fsync\\n'); return new Promise(() => {}); };
    const { writeFileAtomic } = await import(${JSON.stringify(module)});
    await writeFileAtomic(${JSON.stringify(file)}, 'the new project '.repeat(1000));
  `;
}
