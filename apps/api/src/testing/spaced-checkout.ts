import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const repoRoot = join(import.meta.dirname, '../../../..');
const run = promisify(execFile);

export interface SpacedCheckout {
  /** The copy's root: a real directory whose path contains spaces. */
  readonly root: string;
  remove(): Promise<void>;
}

/**
 * A copy of the repository's tracked files under a directory whose real path contains
 * spaces; every `node_modules` links to the installed one, so the copy runs as installed.
 */
export async function copyToSpacedCheckout(): Promise<SpacedCheckout> {
  const parent = await mkdtemp(join(tmpdir(), 'sales coach '));
  const root = join(parent, 'my checkout');
  try {
    const { stdout } = await run(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      {
        cwd: repoRoot,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const files = stdout.split('\0').filter((file) => file && !file.includes('node_modules/'));
    for (const file of files) {
      await mkdir(join(root, dirname(file)), { recursive: true });
      await cp(join(repoRoot, file), join(root, file)).catch(() => undefined);
    }
    const { stdout: modules } = await run('find', ['.', '-name', 'node_modules', '-prune'], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
    for (const dir of modules.split('\n').filter(Boolean)) {
      await mkdir(dirname(join(root, dir)), { recursive: true });
      await symlink(join(repoRoot, dir), join(root, dir));
    }
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw error;
  }
  return { root, remove: () => rm(parent, { recursive: true, force: true }) };
}
