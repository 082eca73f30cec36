import { ensurePythonTool } from '@todo/platform/local';

/**
 * Schemathesis from PyPI, in a virtual environment under the user's cache (never in the
 * repository), created on first use. The version is pinned: a newer release may add checks,
 * and CI should change only when we choose to.
 */
export const SCHEMATHESIS_VERSION = '4.32.5';

/** The path of the pinned `schemathesis` executable, installing it first when missing. */
export function ensureSchemathesis(log = (line: string) => console.error(`[fuzz] ${line}`)): string {
  return ensurePythonTool({ pkg: 'schemathesis', version: SCHEMATHESIS_VERSION }, log);
}
