// `npm run k8s:install`: builds (or finds in the cache) helm, actionlint and kubernetes-validate,
// and finds Dapr's CRDs in the dapr Go module.
import { ensureK8sTools } from '@todo/deploy/testing';

try {
  const tools = ensureK8sTools();
  for (const [name, path] of Object.entries(tools)) process.stdout.write(`${name}: ${path}\n`);
} catch (error) {
  process.stderr.write(`[k8s] ${(error as Error).message}\n`);
  process.exitCode = 1;
}
