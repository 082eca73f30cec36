// The gateway as its own process (Kubernetes): one port in front of the services, found by
// their Service addresses. Locally, `start:cluster` runs the same gateway in the launcher.
import { createLogger } from '@todo/platform';
import { builtSpaDir } from '../../http/spa-dir.ts';
import { startGateway } from '../gateway.ts';

const list = (name: string) =>
  (process.env[name] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const logger = createLogger(process.env.LOG_LEVEL ?? 'info', 'gateway');
const gateway = await startGateway({
  host: process.env.HOST ?? '0.0.0.0',
  port: Number(process.env.PORT) || 8080,
  upstreams: {
    command: list('GATEWAY_COMMAND_API'),
    query: list('GATEWAY_QUERY_API'),
    realtime: list('GATEWAY_REALTIME'),
  },
  realtimePrefixes: ['/api/realtime/', '/api/stream', '/ws'],
  spaDir: builtSpaDir(),
  logger,
});
logger.info({ url: gateway.url }, 'gateway ready');
const stop = async () => {
  await gateway.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
