import { describe, expect, it } from '@jest/globals';
import { replaceBlocks } from './dapr-binaries.ts';
import { withScopes } from './resources.ts';

describe('the scratch go.mod takes the replace blocks of dapr’s own go.mod', () => {
  it('given a go.mod with two replace blocks and other directives, returns exactly the two blocks', () => {
    const goMod = [
      'module github.com/dapr/dapr',
      '',
      'require (\n\tgithub.com/a/b v1.0.0\n)',
      '',
      'replace (\n\tgithub.com/x/y => github.com/x/y v0.1.0\n)',
      '',
      'replace (\n\tgithub.com/p/q v1.2.3 => github.com/fork/q v1.2.4\n\tgithub.com/r/s => ./s\n)',
      '',
    ].join('\n');
    expect(replaceBlocks(goMod)).toEqual([
      'replace (\n\tgithub.com/x/y => github.com/x/y v0.1.0\n)',
      'replace (\n\tgithub.com/p/q v1.2.3 => github.com/fork/q v1.2.4\n\tgithub.com/r/s => ./s\n)',
    ]);
  });
});

describe('a component file is scoped to the apps of a run', () => {
  it('given a scopes list, replaces only that list', () => {
    const yaml = 'kind: Component\nspec:\n  metadata:\n    - name: a\nscopes:\n  - relay\n  - sagas\n';
    expect(withScopes(yaml, ['app-1', 'app-2'])).toBe(
      'kind: Component\nspec:\n  metadata:\n    - name: a\nscopes:\n  - app-1\n  - app-2\n',
    );
  });

  it('given a list followed by another top-level key, keeps that key', () => {
    const yaml = 'scopes:\n  - relay\nauth:\n  secretStore: s\n';
    expect(withScopes(yaml, ['x'])).toBe('scopes:\n  - x\nauth:\n  secretStore: s\n');
  });
});
