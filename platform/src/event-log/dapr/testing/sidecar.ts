import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { daprBinaries } from './dapr-binaries.ts';
import { freePort } from '../../../db/free-port.ts';
import { launch, stopProcess, waitUntil, type StartedProcess } from '../../../testing/processes.ts';

export interface SidecarOptions {
  appId: string;
  /** Where the app listens (on 127.0.0.1); the sidecar calls it there. None: an app nothing calls (the relay). */
  appPort?: number;
  /** The sidecar's own ports; none: picked free. A restart passes the old ones, so the app finds it again. */
  ports?: SidecarPorts;
  /** A folder from writeResources (./resources.ts). */
  resourcesPath: string;
  /** host:port of the Dapr scheduler, for the Jobs API; none: no jobs. */
  schedulerAddress?: string;
  /** Where its log and runtime files go. */
  workDir: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Another build of daprd (e.g. ensureDaprdWithSmtp()); default: the stable one. */
  binary?: string;
}

export interface SidecarPorts {
  http: number;
  grpc: number;
  internalGrpc: number;
}

/**
 * Three distinct free ports, none of `taken` (ports already handed to other processes of the
 * same run that may not have bound them yet: the kernel may give a released port out again).
 */
export async function freeSidecarPorts(taken: Set<number> = new Set()): Promise<SidecarPorts> {
  const pick = async () => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  return { http: await pick(), grpc: await pick(), internalGrpc: await pick() };
}

export interface Sidecar extends StartedProcess {
  appId: string;
  httpPort: number;
  grpcPort: number;
  /** e.g. http://127.0.0.1:3500: the Dapr HTTP API for the app. */
  httpUrl: string;
  args: string[];
  ports: SidecarPorts;
}

/**
 * Starts daprd in standalone mode for one app, every port picked free (several sidecars share
 * the machine), no placement (no actors), and waits until its outbound side is ready
 * (components loaded). It reaches the app on its own; call `waitForApp` once the app listens.
 */
export async function startSidecar(options: SidecarOptions): Promise<Sidecar> {
  mkdirSync(options.workDir, { recursive: true });
  const ports = options.ports ?? (await freeSidecarPorts());
  const { http: httpPort, grpc: grpcPort, internalGrpc: internalGrpcPort } = ports;
  const args = [
    '--mode',
    'standalone',
    '--app-id',
    options.appId,
    ...(options.appPort ? ['--app-port', String(options.appPort)] : []),
    '--app-channel-address',
    '127.0.0.1',
    '--dapr-listen-addresses',
    '127.0.0.1',
    '--dapr-http-port',
    String(httpPort),
    '--dapr-grpc-port',
    String(grpcPort),
    '--dapr-internal-grpc-port',
    String(internalGrpcPort),
    '--enable-metrics=false',
    '--resources-path',
    options.resourcesPath,
    '--placement-host-address',
    '',
    ...(options.schedulerAddress ? ['--scheduler-host-address', options.schedulerAddress] : []),
    '--log-level',
    options.logLevel ?? 'info',
    '--dapr-graceful-shutdown-seconds',
    '2',
  ];
  const logFile = join(options.workDir, `daprd-${options.appId}.log`);
  const p = launch(options.binary ?? daprBinaries().daprd, args, logFile, `--dapr-http-port\0${httpPort}\0`);
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const sidecar: Sidecar = { ...p, appId: options.appId, httpPort, grpcPort, httpUrl, args, ports };
  await waitUntil(p, `daprd ${options.appId}`, async () => {
    const res = await fetch(`${httpUrl}/v1.0/healthz/outbound`, { signal: AbortSignal.timeout(2000) });
    return res.status === 204;
  });
  return sidecar;
}

/** Waits until the sidecar has found the app (and read its subscriptions). */
export async function waitForApp(sidecar: Sidecar): Promise<void> {
  await waitUntil(sidecar, `daprd ${sidecar.appId}`, async () => {
    const res = await fetch(`${sidecar.httpUrl}/v1.0/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.status === 204;
  });
}

export async function stopSidecar(sidecar: Sidecar, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  await stopProcess(sidecar, signal);
}

/** Waits until the sidecar is connected to a scheduler (before that the Jobs API fails). */
export async function waitForScheduler(sidecar: Sidecar): Promise<void> {
  await waitUntil(sidecar, `daprd ${sidecar.appId} (scheduler connection)`, async () => {
    const res = await fetch(`${sidecar.httpUrl}/v1.0/metadata`, { signal: AbortSignal.timeout(2000) });
    const metadata = (await res.json()) as { scheduler?: { connected_addresses?: string[] } };
    return (metadata.scheduler?.connected_addresses?.length ?? 0) > 0;
  });
}
