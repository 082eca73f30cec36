import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { PackageManifest, RepoTree, SourceFile } from './rules.ts';

/** Folders that hold no source of ours: installed packages, build output, caches. */
const SKIPPED = new Set(['node_modules', 'dist', '.cache', '.git', '.angular', '.data', 'coverage']);

/** The root package.json, every workspace's, and every .ts file of the repository at `root`. */
export function readRepo(root: string): RepoTree {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const rootText = read('package.json');
  const { workspaces = [] } = JSON.parse(rootText) as { workspaces?: string[] };
  const packages: PackageManifest[] = [
    { name: nameOf(rootText), dir: '', text: rootText },
    ...workspaces.map((dir) => {
      const text = read(join(dir, 'package.json'));
      return { name: nameOf(text), dir, text };
    }),
  ];
  const files: SourceFile[] = tsFiles(root, root).map((path) => ({ path, text: read(path) }));
  return { packages, files };
}

function nameOf(packageJson: string): string {
  return (JSON.parse(packageJson) as { name: string }).name;
}

function tsFiles(root: string, dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : tsFiles(root, full);
    return entry.isFile() && entry.name.endsWith('.ts') ? [relative(root, full).split(sep).join('/')] : [];
  });
}
