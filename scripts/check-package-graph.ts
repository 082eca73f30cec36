// `npm run check:graph`: the package rules of docs/ARCHITECTURE.md, checked on the real tree.
// Reports (a) a cycle among the workspaces' package.json dependencies, (b) an @todo import the
// importing package does not declare, (c) an import of another package's internals (anything
// but `@todo/x`, or `@todo/x/testing` from test support), (d) a relative import that leaves its
// package. Prints file:line for each and exits 1 when there is any.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRepo } from './package-graph/read-repo.ts';
import { findViolations } from './package-graph/rules.ts';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const violations = findViolations(readRepo(root));
for (const v of violations) process.stdout.write(`${v.file}:${v.line}: [${v.kind}] ${v.message}\n`);
if (violations.length > 0) {
  const counts = Object.entries(Object.groupBy(violations, (v) => v.kind))
    .map(([kind, list]) => `${kind} ${list?.length ?? 0}`)
    .join(', ');
  process.stderr.write(`check:graph: ${violations.length} violations (${counts})\n`);
  process.exitCode = 1;
} else process.stderr.write('check:graph: the package graph keeps its rules\n');
