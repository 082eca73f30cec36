import type { Logger } from '@todo/platform';
import {
  freeSidecarPorts,
  isAlive,
  isOurs,
  startSidecar,
  stopProcess,
  type Sidecar,
  type SidecarPorts,
} from '@todo/platform/local';

export interface SidecarSettings {
  /** A resources folder written by writeResources (the chart's files, one source). */
  resourcesPath: string;
  /** host:port of the Dapr scheduler (the Jobs API). */
  schedulerAddress: string;
  /** Where each sidecar writes its log (`daprd-<app id>.log`, appended across restarts). */
  workDir: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /**
   * The secret store holding the services' secrets (resources written with `service`): the
   * apps get its name instead of DATABASE_URL, JWT_SECRET and KAFKA_BROKERS and ask their sidecar.
   */
  secretStore?: string;
}

export interface SupervisedSidecar {
  readonly appId: string;
  readonly ports: SidecarPorts;
  readonly pid: number | undefined;
  readonly alive: boolean;
  /** How many times it was started again after it died. */
  readonly restarts: number;
  start(): Promise<void>;
  /** Kills the daprd as a crash would; the supervisor starts it again (when restarting is on). */
  crash(signal?: NodeJS.Signals): void;
  stop(): Promise<void>;
}

const WATCH_MS = 500;
const RESTART_DELAY_MS = 1000;
/** Free ports are picked before daprd binds them: another process may take one in between. */
const FIRST_START_ATTEMPTS = 3;

// The sidecars run in their own process groups (a terminal's Ctrl-C misses them): whatever
// way this process exits (a signal during start-up, a fatal error), the ones still running
// are stopped with it. Only our own PIDs, checked by their command line. A SIGKILL runs no
// exit hook: then each daprd gets SIGTERM from the kernel (started with a parent-death signal).
const running = new Set<Sidecar>();
process.on('exit', () => {
  for (const sidecar of running) if (isOurs(sidecar)) process.kill(sidecar.pid, 'SIGTERM');
});

/**
 * One app's daprd, watched as Kubernetes watches a container: when it dies it is started
 * again on the same ports (the app keeps its DAPR_HTTP_PORT and the sidecar its app port),
 * and the log says so. Only the PID it started is ever signalled.
 */
export function superviseSidecar(options: {
  appId: string;
  appPort?: number;
  settings: SidecarSettings;
  /** The ports the run has handed out (its apps' and sidecars'); a sidecar picks none of them. */
  takenPorts: Set<number>;
  logger: Logger;
  restart: boolean;
}): SupervisedSidecar {
  const { appId, settings, logger } = options;
  let ports: SidecarPorts | null = null;
  let sidecar: Sidecar | null = null;
  let stopped = false;
  let restarting = false;
  let restarts = 0;
  let watch: NodeJS.Timeout | null = null;

  const launch = async (on: SidecarPorts) => {
    if (sidecar) running.delete(sidecar);
    sidecar = await startSidecar({
      appId,
      ...(options.appPort ? { appPort: options.appPort } : {}),
      ports: on,
      resourcesPath: settings.resourcesPath,
      schedulerAddress: settings.schedulerAddress,
      workDir: settings.workDir,
      ...(settings.logLevel ? { logLevel: settings.logLevel } : {}),
    });
    running.add(sidecar);
    // Stopped while it was starting (a restart in flight, or a start-up being abandoned).
    if (stopped) {
      await stopProcess(sidecar);
      running.delete(sidecar);
    }
  };
  const restartLater = () => {
    restarting = true;
    setTimeout(() => {
      if (stopped) return;
      launch(ports!)
        .then(() => {
          restarts++;
          logger.info({ appId, pid: sidecar?.pid, httpPort: ports!.http }, 'sidecar restarted');
        })
        .catch((err) => logger.error({ err, appId }, 'sidecar restart failed; trying again'))
        .finally(() => {
          restarting = false;
        });
    }, RESTART_DELAY_MS);
  };
  const check = () => {
    if (stopped || restarting || !sidecar || isAlive(sidecar.pid)) return;
    logger.warn(
      { appId, pid: sidecar.pid },
      options.restart ? 'sidecar died; restarting it' : 'sidecar died',
    );
    if (options.restart) restartLater();
    else sidecar = null;
  };

  return {
    appId,
    get ports() {
      if (!ports) throw new Error(`the sidecar of ${appId} has not started`);
      return ports;
    },
    get pid() {
      return sidecar?.pid;
    },
    get alive() {
      return sidecar !== null && isAlive(sidecar.pid);
    },
    get restarts() {
      return restarts;
    },
    // Its first start picks its ports (again, if one was taken before daprd bound it); every
    // restart reuses them, since the app knows its sidecar by them.
    start: async () => {
      for (let attempt = 1; ; attempt++) {
        const on = await freeSidecarPorts(options.takenPorts);
        try {
          await launch(on);
          ports = on;
          break;
        } catch (err) {
          if (attempt >= FIRST_START_ATTEMPTS || stopped) throw err;
          logger.warn({ err, appId, attempt }, 'sidecar did not start; trying other ports');
        }
      }
      watch = setInterval(check, WATCH_MS);
      watch.unref();
    },
    crash: (signal = 'SIGKILL') => {
      if (sidecar && isOurs(sidecar)) process.kill(sidecar.pid, signal);
    },
    stop: async () => {
      stopped = true;
      if (watch) clearInterval(watch);
      if (sidecar) await stopProcess(sidecar);
      if (sidecar) running.delete(sidecar);
    },
  };
}
