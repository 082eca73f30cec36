import { describe, expect, it } from '@jest/globals';
import { requireGo } from './go-tools.ts';
import { requirePython } from './python-venv.ts';

// A PATH where no program is found: as on a machine without Go or Python.
const NOTHING_ON_PATH = { PATH: '/nonexistent' };

describe('a tool install on a machine without its toolchain', () => {
  it('given no go on PATH, fails with one line naming Go, what needs it and how to retry', () => {
    expect(() => requireGo('helm v3.22.0', 'npm run k8s:install', NOTHING_ON_PATH)).toThrow(
      'Go is needed to build helm v3.22.0 from its Go module, and `go` was not found on PATH: ' +
        'install Go 1.24 or newer (https://go.dev/dl/) and run `npm run k8s:install` again.',
    );
  });

  it('given no python3 on PATH, fails with one line naming Python and the package', () => {
    expect(() => requirePython({ pkg: 'kubernetes-validate', version: '1.37.0' }, NOTHING_ON_PATH)).toThrow(
      'python3 is needed to install kubernetes-validate 1.37.0 from PyPI into a virtual environment, ' +
        'and `python3` was not found on PATH: install Python 3.10 or newer (with its venv module).',
    );
  });
});
