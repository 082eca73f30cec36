import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// docs/ARCHITECTURE.md draws the package graph; this keeps the drawing equal to the
// `dependencies` of the workspaces' package.json files, so the picture cannot drift.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const SCOPE = '@todo/';

function edgesInPackages(): string[] {
  const { workspaces } = JSON.parse(read('package.json')) as { workspaces: string[] };
  return workspaces.flatMap((dir) => {
    const pkg = JSON.parse(read(`${dir}/package.json`)) as { name: string; dependencies?: object };
    const from = pkg.name.slice(SCOPE.length);
    return Object.keys(pkg.dependencies ?? {})
      .filter((d) => d.startsWith(SCOPE))
      .map((d) => `${from} --> ${d.slice(SCOPE.length)}`);
  });
}

function edgesInDiagram(): string[] {
  const doc = read('docs/ARCHITECTURE.md');
  const section = doc.slice(doc.indexOf('## The package graph'));
  const block = /```mermaid\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('docs/ARCHITECTURE.md has no mermaid block under "## The package graph"');
  return block[1]!
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes('-->'));
}

describe('the package graph in docs/ARCHITECTURE.md', () => {
  it('given the workspaces package.json files, when drawn, then it has exactly their @todo dependencies', () => {
    expect(edgesInDiagram().sort()).toEqual(edgesInPackages().sort());
  });
});
