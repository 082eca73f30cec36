import { describe, expect, it } from '@jest/globals';
import { importsOf } from './imports.ts';

describe('the imports of a source file', () => {
  it('given every form of import and re-export, lists each specifier with its line', () => {
    const source = [
      "import type { A } from '@todo/a';",
      'import {',
      '  b,',
      "} from '../b.ts';",
      "export { c } from './c.ts';",
      "export * from '@todo/d/testing';",
      "import './side-effect.ts';",
      "const later = await import('./dynamic.ts');",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      { specifier: '@todo/a', line: 1 },
      { specifier: '../b.ts', line: 4 },
      { specifier: './c.ts', line: 5 },
      { specifier: '@todo/d/testing', line: 6 },
      { specifier: './side-effect.ts', line: 7 },
      { specifier: './dynamic.ts', line: 8 },
    ]);
  });

  it('given imports only in comments, strings and templates, lists none', () => {
    const source = [
      "// import { a } from '@todo/a';",
      "/* export * from './b.ts'; */",
      'const s = "import { c } from \'./c.ts\'";',
      "const t = `import { d } from './d.ts'`;",
    ].join('\n');
    expect(importsOf(source)).toEqual([]);
  });
});
