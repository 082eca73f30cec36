// `npm run dapr:install`: builds (or finds in the cache) daprd and the Dapr scheduler.
import { ensureDaprBinaries } from '@todo/platform/testing';

try {
  const bins = ensureDaprBinaries((msg) => process.stderr.write(`[dapr] ${msg}\n`));
  process.stdout.write(`daprd: ${bins.daprd}\nscheduler: ${bins.scheduler}\n`);
} catch (error) {
  process.stderr.write(`[dapr] ${(error as Error).message}\n`);
  process.exitCode = 1;
}
