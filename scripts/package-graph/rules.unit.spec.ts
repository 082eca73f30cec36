import { describe, expect, it } from '@jest/globals';
import { findViolations, isTestSupport, type PackageManifest, type SourceFile } from './rules.ts';

// Small in-memory repositories: a root and a few workspaces, each with what its package.json
// declares and the files it holds.

function pkg(dir: string, deps: string[] = [], devDeps: string[] = []): PackageManifest {
  const name = dir === '' ? 'root' : `@todo/${dir}`;
  const block = (names: string[]) => Object.fromEntries(names.map((n) => [n, '0.1.0']));
  const text = JSON.stringify({ name, dependencies: block(deps), devDependencies: block(devDeps) }, null, 2);
  return { name, dir, text };
}

const file = (path: string, ...lines: string[]): SourceFile => ({ path, text: lines.join('\n') });

const given = (packages: PackageManifest[], ...files: SourceFile[]) => ({
  whenChecked: () => findViolations({ packages: [pkg(''), ...packages], files }),
});

describe('(a) cycles in the workspace dependency graph', () => {
  it('given a one-way graph, finds nothing', () => {
    const violations = given([
      pkg('a'),
      pkg('b', ['@todo/a']),
      pkg('c', ['@todo/a'], ['@todo/b']),
    ]).whenChecked();
    expect(violations).toEqual([]);
  });

  it('given two packages that declare each other, reports the cycle at the package.json line', () => {
    const violations = given([pkg('a', ['zod', '@todo/b']), pkg('b', [], ['@todo/a'])]).whenChecked();
    expect(violations).toEqual([
      {
        kind: 'cycle',
        file: 'a/package.json',
        line: 5,
        message: 'workspace dependency cycle: @todo/a → @todo/b → @todo/a',
      },
    ]);
  });

  it('given a three-package loop through devDependencies, reports it once', () => {
    const violations = given([
      pkg('a', ['@todo/b']),
      pkg('b', [], ['@todo/c']),
      pkg('c', ['@todo/a']),
    ]).whenChecked();
    expect(violations.map((v) => v.message)).toEqual([
      'workspace dependency cycle: @todo/a → @todo/b → @todo/c → @todo/a',
    ]);
  });
});

describe('(b) imports of undeclared packages', () => {
  it('given an import of a package the importer does not declare, reports it with file and line', () => {
    const violations = given(
      [pkg('a'), pkg('b')],
      file('b/src/x.ts', "import { z } from 'zod';", "import { a } from '@todo/a';"),
    ).whenChecked();
    expect(violations).toEqual([
      {
        kind: 'undeclared',
        file: 'b/src/x.ts',
        line: 2,
        message: '@todo/b imports @todo/a but does not declare it',
      },
    ]);
  });

  it('given a devDependency, a type-only import and an import of itself, finds nothing', () => {
    const violations = given(
      [pkg('a'), pkg('b', [], ['@todo/a'])],
      file('b/src/x.spec.ts', "import type { A } from '@todo/a';", "import { b } from '@todo/b';"),
    ).whenChecked();
    expect(violations).toEqual([]);
  });

  it('given a file outside every workspace, finds nothing: the root hosts them all', () => {
    expect(given([pkg('a')], file('scripts/run.ts', "import { a } from '@todo/a';")).whenChecked()).toEqual(
      [],
    );
  });

  it('given an import written in a comment or a string, finds nothing', () => {
    const violations = given(
      [pkg('a'), pkg('b')],
      file('b/src/x.ts', "// import { a } from '@todo/a';", 'const s = "import { a } from \'@todo/a\'";'),
    ).whenChecked();
    expect(violations).toEqual([]);
  });
});

describe('(c) imports of another package’s internals', () => {
  it('given a deep import into another package, reports it', () => {
    const violations = given(
      [pkg('a'), pkg('b', ['@todo/a'])],
      file('b/src/x.ts', '', "export { a } from '@todo/a/tasks/decide.ts';"),
    ).whenChecked();
    expect(violations).toEqual([
      {
        kind: 'internals',
        file: 'b/src/x.ts',
        line: 2,
        message:
          "'@todo/a/tasks/decide.ts' reaches into @todo/a's files: use @todo/a (its index), @todo/a/testing or @todo/a/local",
      },
    ]);
  });

  it('given @todo/x/testing from a spec, a testing/ folder or a script, finds nothing', () => {
    const violations = given(
      [pkg('a'), pkg('b', ['@todo/a'])],
      file('b/src/x.int.spec.ts', "import { t } from '@todo/a/testing';"),
      file('b/src/testing/helper.ts', "import { t } from '@todo/a/testing';"),
      file('scripts/kafka/start.ts', "import { t } from '@todo/a/testing';"),
    ).whenChecked();
    expect(violations).toEqual([]);
  });

  it('given @todo/x/local from the launchers, finds nothing: a local run may start a broker', () => {
    const violations = given(
      [pkg('a'), pkg('deploy', ['@todo/a'])],
      file('deploy/cluster/main.ts', "import { startBroker } from '@todo/a/local';"),
    ).whenChecked();
    expect(violations).toEqual([]);
  });

  it('given @todo/x/local from a service, reports it', () => {
    const violations = given(
      [pkg('a'), pkg('b', ['@todo/a'])],
      file('b/src/main.ts', "import { startBroker } from '@todo/a/local';"),
    ).whenChecked();
    expect(violations).toEqual([
      {
        kind: 'testing-in-source',
        file: 'b/src/main.ts',
        line: 1,
        message: "@todo/a/local is for the launchers' local runs and for tests, not for b/src/main.ts",
      },
    ]);
  });

  it('given @todo/x/testing from source, reports it', () => {
    const violations = given(
      [pkg('a'), pkg('b', ['@todo/a'])],
      file('b/src/main.ts', "import { t } from '@todo/a/testing';"),
    ).whenChecked();
    expect(violations).toEqual([
      {
        kind: 'testing-in-source',
        file: 'b/src/main.ts',
        line: 1,
        message: '@todo/a/testing is for tests, not for b/src/main.ts',
      },
    ]);
  });
});

describe('(d) relative imports that leave their package', () => {
  it('given relative imports inside the package, finds nothing', () => {
    const violations = given(
      [pkg('a')],
      file('a/src/deep/x.ts', "import { y } from '../y.ts';", "import { z } from './z.ts';"),
    ).whenChecked();
    expect(violations).toEqual([]);
  });

  it('given a relative import into another workspace, reports it and names the package to use', () => {
    const violations = given(
      [pkg('a'), pkg('b')],
      file('b/src/x.ts', "import { y } from '../../a/src/y.ts';"),
    ).whenChecked();
    expect(violations).toEqual([
      {
        kind: 'leaves-package',
        file: 'b/src/x.ts',
        line: 1,
        message:
          "'../../a/src/y.ts' goes from @todo/b into @todo/a's files: import @todo/a (or its ./testing)",
      },
    ]);
  });

  it('given a relative import into a package that depends on the importer, says the code belongs there', () => {
    const violations = given(
      [pkg('a'), pkg('b', ['@todo/a']), pkg('c', ['@todo/b'])],
      file('a/src/x.int.spec.ts', "import { system } from '../../c/testing/system.ts';"),
    ).whenChecked();
    expect(violations.map((v) => v.message)).toEqual([
      "'../../c/testing/system.ts' goes from @todo/a into @todo/c's files: @todo/c depends on @todo/a, so this belongs in @todo/c",
    ]);
  });

  it('given relative imports to the root and out of the repository, reports both', () => {
    const violations = given(
      [pkg('a')],
      file('a/src/x.ts', "import { p } from '../../scripts/p.ts';", "import { q } from '../../../q.ts';"),
    ).whenChecked();
    expect(violations.map((v) => [v.line, v.message])).toEqual([
      [1, "'../../scripts/p.ts' leaves @todo/a for the repository root"],
      [2, "'../../../q.ts' leaves @todo/a for outside the repository"],
    ]);
  });

  it('given a nested workspace, a file belongs to the innermost package', () => {
    const violations = given(
      [pkg('a'), { ...pkg('a/inner'), name: '@todo/inner' }],
      file('a/inner/src/x.ts', "import { y } from '../../src/y.ts';"),
    ).whenChecked();
    expect(violations.map((v) => v.message)).toEqual([
      "'../../src/y.ts' goes from @todo/inner into @todo/a's files: import @todo/a (or its ./testing)",
    ]);
  });
});

describe('what counts as test support', () => {
  it.each([
    ['a/src/x.unit.spec.ts', true],
    ['deploy/pact/rest-api.provider.pacttest.ts', true],
    ['a/src/testing/helper.ts', true],
    ['deploy/system-tests/harness/api.ts', true],
    ['bench/kafka.ts', true],
    ['scripts/kafka/start.ts', true],
    ['a/src/testing.ts', false],
    ['deploy/cluster/main.ts', false],
  ])('%s → %s', (path, expected) => {
    expect(isTestSupport(path)).toBe(expected);
  });
});
