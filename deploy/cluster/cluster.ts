import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { freePort, SERVICE_SECRETS, type Logger } from '@todo/platform';
import { builtSpaDir } from '../http/spa-dir.ts';
import { DAPR_APPS, daprAppOf } from './dapr-apps.ts';
import { startGateway, type Gateway } from './gateway.ts';
import { HTTP_KINDS, serviceFile, type ServiceKind } from './service-kinds.ts';
import { superviseSidecar, type SidecarSettings, type SupervisedSidecar } from './sidecar-supervisor.ts';

export type { ServiceKind } from './service-kinds.ts';

export const DEFAULT_INSTANCES: Record<ServiceKind, number> = {
  relay: 1,
  'command-api': 1,
  'query-api': 1,
  projector: 2,
  saga: 2,
  realtime: 2,
};

export interface ClusterOptions {
  databaseUrl: string;
  kafkaBrokers: string;
  jwtSecret: string;
  host: string;
  /** The gateway's port (0: any free port). */
  port: number;
  logger: Logger;
  instances?: Partial<Record<ServiceKind, number>>;
  /** Extra environment for every process (e.g. KAFKA_TOPIC, KAFKA_PARTITIONS, LOG_LEVEL). */
  env?: Record<string, string>;
  /** Where the processes' logs go: inherited stdout, a file, or nowhere. */
  output?: 'inherit' | 'ignore' | { file: string };
  /** Start a process again when it dies unexpectedly (not when killed through the handle). */
  restart?: boolean;
  /**
   * Every process on its own daprd sidecar (`npm run start:dapr`): the relay publishes, the
   * projectors and sagas read and the reminders run through it (the apps of dapr-apps.ts,
   * one instance each unless `instances` says otherwise).
   */
  dapr?: SidecarSettings;
}

/**
 * A process's environment: the launcher's, the run's, its own. One that reads its secrets
 * from the Dapr secret store gets none of them from the launcher's environment either.
 */
function environmentOf(own: Record<string, string>, run: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...run, ...own };
  if (own.DAPR_SECRET_STORE) for (const { env: name } of SERVICE_SECRETS) delete env[name];
  return env;
}

export interface ServiceProcess {
  kind: ServiceKind;
  instance: number;
  port: number | null;
  readonly pid: number | undefined;
  readonly alive: boolean;
  /** Its daprd, in the Dapr mode. */
  sidecar: SupervisedSidecar | null;
}

export interface Cluster {
  url: string;
  gateway: Gateway;
  processes(): ServiceProcess[];
  /** Kills one instance (a crash when SIGKILL) and does not restart it. */
  kill(kind: ServiceKind, instance: number, signal?: NodeJS.Signals): Promise<void>;
  /** Kills an instance's daprd (a crash when SIGKILL); the cluster starts it again when restarting is on. */
  crashSidecar(kind: ServiceKind, instance: number, signal?: NodeJS.Signals): void;
  /** Starts a killed instance again, on its old port. */
  revive(kind: ServiceKind, instance: number): Promise<void>;
  stop(): Promise<void>;
}

interface Managed extends ServiceProcess {
  child: ChildProcess | null;
  wanted: boolean;
  env: Record<string, string>;
}

const READY_TIMEOUT_MS = 90_000;

/** A free port none of the run's other processes was given (they may not have bound theirs yet). */
async function unusedPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

/**
 * Starts every service of the cluster as its own process against one PostgreSQL and one
 * Kafka, and one gateway port in front. Migrations and topics are the caller's job (they
 * must exist before several processes race for them).
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.logger.child({ component: 'cluster' });
  const defaults = options.dapr
    ? (Object.fromEntries(DAPR_APPS.map((a) => [a.kind, 1])) as Record<ServiceKind, number>)
    : DEFAULT_INSTANCES;
  const counts = { ...defaults, ...options.instances };
  let stopping = false;
  const managed: Managed[] = [];
  const takenPorts = new Set<number>();
  const stdio = (): Array<'inherit' | 'ignore' | 'ipc' | number> => {
    const out = options.output ?? 'inherit';
    if (out === 'inherit' || out === 'ignore') return ['ignore', out, out, 'ipc'];
    const fd = openSync(out.file, 'a');
    return ['ignore', fd, fd, 'ipc'];
  };

  const spawnOne = (m: Managed): Promise<void> =>
    new Promise((resolveReady, reject) => {
      const io = stdio();
      const child = fork(serviceFile(m.kind), [], {
        env: environmentOf(m.env, options.env),
        stdio: io,
        // kafkajs computes a negative timer on Node 24; harmless, and it would flood the log.
        execArgv: ['--disable-warning=TimeoutNegativeWarning'],
      });
      m.child = child;
      // The child has its own copy of the log file's descriptor (stdout and stderr share one).
      for (const fd of new Set(io)) if (typeof fd === 'number') closeSync(fd);
      const timer = setTimeout(() => {
        reject(new Error(`${m.kind}#${m.instance} not ready in time`));
        child.kill('SIGKILL');
      }, READY_TIMEOUT_MS);
      child.on('message', (msg: { type?: string; port?: number }) => {
        if (msg?.type !== 'ready') return;
        clearTimeout(timer);
        if (msg.port) m.port = msg.port;
        resolveReady();
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (m.child === child) m.child = null;
        reject(new Error(`${m.kind}#${m.instance} exited during start-up (${code ?? signal})`));
        if (stopping || !m.wanted) return;
        log.warn({ kind: m.kind, instance: m.instance, code, signal }, 'process died');
        if (options.restart ?? true) {
          setTimeout(() => {
            if (!stopping && m.wanted && !m.child) {
              spawnOne(m).catch((err) => log.error({ err, kind: m.kind }, 'restart failed'));
            }
          }, 1000);
        }
      });
    });

  for (const kind of Object.keys(counts) as ServiceKind[]) {
    if (counts[kind] > 0 && !existsSync(serviceFile(kind))) {
      log.warn({ kind }, 'no entry point for this service yet; not started');
      counts[kind] = 0;
    }
    for (let instance = 1; instance <= counts[kind]; instance++) {
      const app = options.dapr ? daprAppOf(kind) : null;
      const port = HTTP_KINDS.has(kind) || app?.listens ? await unusedPort(takenPorts) : null;
      const sidecar =
        options.dapr && app
          ? superviseSidecar({
              appId: app.appId,
              ...(port ? { appPort: port } : {}),
              settings: options.dapr,
              takenPorts,
              logger: log,
              restart: options.restart ?? true,
            })
          : null;
      managed.push({
        kind,
        instance,
        port,
        child: null,
        wanted: true,
        env: {
          // On a sidecar the secrets come from the Dapr secret store, as in Kubernetes.
          ...(sidecar && options.dapr?.secretStore
            ? { DAPR_SECRET_STORE: options.dapr.secretStore }
            : {
                DATABASE_URL: options.databaseUrl,
                KAFKA_BROKERS: options.kafkaBrokers,
                JWT_SECRET: options.jwtSecret,
              }),
          // Behind the gateway: the client is the address it forwards.
          TRUST_PROXY: 'loopback',
          HOST: options.host,
          INSTANCE_ID: String(instance),
          KAFKA_CLIENT_ID: `${kind}-${instance}`,
          ...(port ? { PORT: String(port) } : {}),
          ...app?.env,
        },
        sidecar,
        get pid() {
          return this.child?.pid;
        },
        get alive() {
          return this.child !== null && this.child.exitCode === null;
        },
      });
    }
  }

  const stopAll = async () => {
    stopping = true;
    await stopApps();
    await Promise.all(managed.map((m) => m.sidecar?.stop()));
  };
  const stopApps = async () => {
    await Promise.all(
      managed.map(
        (m) =>
          new Promise<void>((done) => {
            const child = m.child;
            if (!child || child.exitCode !== null) return done();
            const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  };

  let gateway: Gateway;
  try {
    // The sidecars first: an app may call its sidecar as it starts (the relay publishes).
    // All settled before a failure is thrown: a sidecar still starting would outlive the stop.
    const started = await Promise.allSettled(
      managed.map(async (m) => {
        if (!m.sidecar) return;
        await m.sidecar.start();
        m.env.DAPR_HTTP_PORT = String(m.sidecar.ports.http);
        m.env.DAPR_GRPC_PORT = String(m.sidecar.ports.grpc);
      }),
    );
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    await Promise.all(managed.map(spawnOne));
    const addresses = (kind: ServiceKind) =>
      managed.filter((m) => m.kind === kind).map((m) => `${options.host}:${m.port}`);
    gateway = await startGateway({
      host: options.host,
      port: options.port,
      upstreams: {
        command: addresses('command-api'),
        query: addresses('query-api'),
        realtime: addresses('realtime'),
      },
      realtimePrefixes: ['/api/realtime/', '/api/stream', '/ws'],
      spaDir: builtSpaDir(),
      logger: log,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  log.info(
    {
      url: gateway.url,
      processes: managed.map(
        (m) => `${m.kind}#${m.instance}:${m.pid}${m.sidecar ? `+daprd:${m.sidecar.pid}` : ''}`,
      ),
    },
    'cluster ready',
  );

  const find = (kind: ServiceKind, instance: number) => {
    const m = managed.find((x) => x.kind === kind && x.instance === instance);
    if (!m) throw new Error(`no ${kind}#${instance}`);
    return m;
  };

  return {
    url: gateway.url,
    gateway,
    processes: () => managed,
    kill: async (kind, instance, signal = 'SIGKILL') => {
      const m = find(kind, instance);
      m.wanted = false;
      const child = m.child;
      if (!child || child.exitCode !== null) return;
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill(signal);
      });
    },
    crashSidecar: (kind, instance, signal = 'SIGKILL') => {
      const sidecar = find(kind, instance).sidecar;
      if (!sidecar) throw new Error(`${kind}#${instance} has no sidecar`);
      sidecar.crash(signal);
    },
    revive: async (kind, instance) => {
      const m = find(kind, instance);
      m.wanted = true;
      if (!m.child) await spawnOne(m);
    },
    stop: async () => {
      await gateway.close();
      await stopAll();
    },
  };
}
