import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** True when a process with this pid is running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` while holding the project's build lock. Astro keeps generated modules in the
 * project's .astro/ folder whatever the output folder, so two builds at once would bundle each
 * other's content; they take turns instead. A lock left by a dead process is taken over.
 */
export async function withBuildLock<T>(projectRoot: string, work: () => Promise<T>): Promise<T> {
  const lock = join(projectRoot, '.astro', 'charter-build.lock');
  await mkdir(join(projectRoot, '.astro'), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
      if (holder && !alive(holder)) await rm(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
