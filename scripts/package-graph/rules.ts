import { posix } from 'node:path';
import { findCycles } from './cycles.ts';
import { importsOf } from './imports.ts';

/** A package of the repository: a workspace, or the root (dir ''), which hosts the others. */
export interface PackageManifest {
  name: string;
  /** Folder relative to the repository root, '' for the root package. */
  dir: string;
  /** The package.json text: dependencies, devDependencies, and where each is written. */
  text: string;
}

export interface SourceFile {
  /** Relative to the repository root, with '/' separators. */
  path: string;
  text: string;
}

export interface RepoTree {
  packages: readonly PackageManifest[];
  files: readonly SourceFile[];
}

export type ViolationKind =
  | 'cycle' // (a) the workspace dependency graph has a cycle
  | 'undeclared' // (b) an @todo import its package.json does not declare
  | 'internals' // (c) an import of another package's files instead of its index or ./testing
  | 'testing-in-source' // (c) `@todo/x/testing` from a file that is not test support
  | 'leaves-package'; // (d) a relative import that ends outside its own package

export interface Violation {
  kind: ViolationKind;
  file: string;
  line: number;
  message: string;
}

const SCOPE = '@todo/';
/**
 * A package's surfaces besides its index: `./testing` (test support, for tests only) and
 * `./local` (what a run on one machine needs, e.g. a local Kafka broker: for launchers' local
 * run modes and tests, never for a service).
 */
const SURFACES = new Set(['', 'testing', 'local']);
/** The package that launches the system: the one non-test user of `./local`. */
const LAUNCHERS = '@todo/deploy';

/** Test files, and folders that only tests, benchmarks and dev tooling run. */
const TEST_FILE = /\.(spec|pacttest)\.ts$/;
const TEST_FOLDERS = new Set(['testing', 'pact', 'system-tests', 'e2e']);
const TOOLING_ROOTS = new Set(['bench', 'scripts']);

export function isTestSupport(path: string): boolean {
  const segments = path.split('/');
  return (
    TEST_FILE.test(path) ||
    segments.slice(0, -1).some((s) => TEST_FOLDERS.has(s)) ||
    TOOLING_ROOTS.has(segments[0]!)
  );
}

/** Every break of the package rules in the tree, in file and line order (cycles first). */
export function findViolations(tree: RepoTree): Violation[] {
  const manifests = tree.packages.map(readManifest);
  const byName = new Map(manifests.map((m) => [m.name, m]));
  const workspaceOf = (path: string) => innermostPackage(manifests, path);
  const found: Violation[] = [];

  const graph = new Map(manifests.filter((m) => m.dir !== '').map((m) => [m.name, scoped(m.deps)]));
  for (const cycle of findCycles(graph)) {
    const from = byName.get(cycle[0]!)!;
    found.push({
      kind: 'cycle',
      file: posix.join(from.dir, 'package.json'),
      line: from.lineOf(cycle[1]!),
      message: `workspace dependency cycle: ${cycle.join(' → ')}`,
    });
  }

  for (const file of [...tree.files].sort((a, b) => a.path.localeCompare(b.path))) {
    const own = workspaceOf(file.path);
    for (const { specifier, line } of importsOf(file.text)) {
      const at = { file: file.path, line };
      if (specifier.startsWith(SCOPE)) found.push(...checkScoped(specifier, own, file.path, byName, at));
      else if (specifier.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
        const landsIn = target.startsWith('../') ? null : workspaceOf(target);
        if (landsIn !== own)
          found.push({ ...at, kind: 'leaves-package', message: leaving(specifier, own, landsIn, graph) });
      }
    }
  }
  return found;
}

interface Manifest extends PackageManifest {
  deps: string[];
  lineOf(dependency: string): number;
}

function checkScoped(
  specifier: string,
  own: Manifest,
  path: string,
  byName: Map<string, Manifest>,
  at: { file: string; line: number },
): Violation[] {
  const [scope, name, ...rest] = specifier.split('/');
  const target = `${scope}/${name}`;
  const subpath = rest.join('/');
  if (target === own.name) return [];
  const out: Violation[] = [];
  // The root hosts the workspaces: npm links every one of them for it.
  if (own.dir !== '' && !own.deps.includes(target))
    out.push({ ...at, kind: 'undeclared', message: `${own.name} imports ${target} but does not declare it` });
  if (!SURFACES.has(subpath))
    out.push({
      ...at,
      kind: 'internals',
      message: `'${specifier}' reaches into ${target}'s files: use ${target} (its index), ${target}/testing or ${target}/local`,
    });
  else if (subpath === 'testing' && !isTestSupport(path))
    out.push({ ...at, kind: 'testing-in-source', message: `${specifier} is for tests, not for ${path}` });
  else if (subpath === 'local' && !isTestSupport(path) && own.name !== LAUNCHERS)
    out.push({
      ...at,
      kind: 'testing-in-source',
      message: `${specifier} is for the launchers' local runs and for tests, not for ${path}`,
    });
  return out;
}

function readManifest(pkg: PackageManifest): Manifest {
  const json = JSON.parse(pkg.text) as { dependencies?: object; devDependencies?: object };
  const deps = [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})];
  const lines = pkg.text.split('\n');
  const lineOf = (dependency: string) => {
    const i = lines.findIndex((l) => l.trimStart().startsWith(`"${dependency}"`));
    return i === -1 ? 1 : i + 1;
  };
  return { ...pkg, deps, lineOf };
}

const scoped = (deps: string[]) => deps.filter((d) => d.startsWith(SCOPE));

function innermostPackage(manifests: Manifest[], path: string): Manifest {
  const containing = manifests.filter((m) => m.dir === '' || path === m.dir || path.startsWith(`${m.dir}/`));
  if (containing.length === 0) throw new Error('the tree has no root package (dir "")');
  return containing.reduce((a, b) => (b.dir.length > a.dir.length ? b : a));
}

function leaving(
  specifier: string,
  own: Manifest,
  landsIn: Manifest | null,
  graph: Map<string, string[]>,
): string {
  const from = own.dir === '' ? 'the repository root' : own.name;
  if (!landsIn) return `'${specifier}' leaves ${from} for outside the repository`;
  if (landsIn.dir === '') return `'${specifier}' leaves ${from} for the repository root`;
  const head = `'${specifier}' goes from ${from} into ${landsIn.name}'s files`;
  // Importing the package by name would close a cycle: the code belongs with the package above.
  if (own.dir !== '' && reaches(graph, landsIn.name, own.name))
    return `${head}: ${landsIn.name} depends on ${own.name}, so this belongs in ${landsIn.name}`;
  return `${head}: import ${landsIn.name} (or its ./testing)`;
}

/** Whether `from` depends on `to`, directly or through other workspaces. */
function reaches(graph: Map<string, string[]>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    for (const dep of graph.get(queue.shift()!) ?? []) {
      if (dep === to) return true;
      if (seen.has(dep)) continue;
      seen.add(dep);
      queue.push(dep);
    }
  }
  return false;
}
