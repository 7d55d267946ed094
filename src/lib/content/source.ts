import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from '../git/git-history.ts';

/**
 * Where content files come from: the working tree, or any git revision. Paths are
 * POSIX-style and relative to the content root (the folder holding content/ and frameworks/).
 */
export interface ContentSource {
  /** A human label for messages, e.g. the folder or `HEAD~1`. */
  readonly label: string;
  /** Files directly inside `dir`, sorted; empty when the folder does not exist. */
  list(dir: string): Promise<string[]>;
  /** The file's text, or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Whether a file exists, without reading it (documents can be large). */
  exists(path: string): Promise<boolean>;
}

export function directorySource(root: string): ContentSource {
  return {
    label: root,
    async list(dir) {
      try {
        const entries = await readdir(join(root, dir), { withFileTypes: true });
        return entries.filter((e) => e.isFile()).map((e) => `${dir}/${e.name}`).sort();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    async read(path) {
      try {
        return await readFile(join(root, path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    exists: (path) => stat(join(root, path)).then((info) => info.isFile(), () => false),
  };
}

/** Reads content as it was at a git revision, without checking it out; paths are relative to `repo`, which may be a subfolder of the repository. */
export function gitRevisionSource(repo: string, revision: string): ContentSource {
  return {
    label: revision,
    async list(dir) {
      const stdout = await git(repo, ['ls-tree', '--name-only', `${revision}:./${dir}`]).catch(() => '');
      return stdout.split('\n').filter(Boolean).map((name) => `${dir}/${name}`).sort();
    },
    async read(path) {
      try {
        return await git(repo, ['show', `${revision}:./${path}`]);
      } catch {
        return undefined;
      }
    },
    exists: (path) => git(repo, ['cat-file', '-e', `${revision}:./${path}`]).then(() => true, () => false),
  };
}
