import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { daprBinaries } from './dapr-binaries.ts';
import { freePort } from '../../../db/free-port.ts';
import { httpOk, launch, stopProcess, waitUntil, type StartedProcess } from '../../../testing/processes.ts';

/** A running Dapr scheduler (with its embedded etcd), as written to the test info file. */
export interface SchedulerState extends StartedProcess {
  /** host:port for daprd's `--scheduler-host-address`. */
  address: string;
  dataDir: string;
  args: string[];
  healthzPort: number;
}

/**
 * Starts the Dapr scheduler on free loopback ports: its gRPC port, its healthz port, and its
 * embedded etcd's client and peer ports (the defaults 2379/2380 would clash between runs).
 * The etcd data under `dataDir` is where the jobs live: a restart on the same dir keeps them.
 */
export async function startScheduler(dataDir: string): Promise<SchedulerState> {
  mkdirSync(dataDir, { recursive: true });
  const [port, healthzPort, etcdClientPort, etcdPeerPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const args = [
    '--port',
    String(port),
    '--listen-address',
    '127.0.0.1',
    '--healthz-port',
    String(healthzPort),
    '--healthz-listen-address',
    '127.0.0.1',
    '--enable-metrics=false',
    '--etcd-data-dir',
    join(dataDir, 'etcd'),
    '--etcd-client-port',
    String(etcdClientPort),
    '--etcd-initial-cluster',
    `dapr-scheduler-server-0=http://127.0.0.1:${etcdPeerPort}`,
    '--identity-directory-write',
    join(dataDir, 'identity'),
    '--log-level',
    'info',
  ];
  return {
    ...(await launchScheduler(args, dataDir)),
    address: `127.0.0.1:${port}`,
    dataDir,
    args,
    healthzPort,
  };
}

async function launchScheduler(
  args: string[],
  dataDir: string,
  outlivesUs = false,
): Promise<StartedProcess & { healthzPort?: number }> {
  const p = launch(daprBinaries().scheduler, args, join(dataDir, 'scheduler.log'), join(dataDir, 'etcd'), {
    outlivesUs,
  });
  const healthz = args[args.indexOf('--healthz-port') + 1];
  await waitUntil(p, 'the Dapr scheduler', () => httpOk(`http://127.0.0.1:${healthz}/healthz`));
  return p;
}

/**
 * Stops and starts the same scheduler on the same ports and etcd data: a scheduler outage.
 * The new one ends with this process only if the old one did (as restartBroker).
 */
export async function restartScheduler(state: SchedulerState): Promise<SchedulerState> {
  await stopProcess(state);
  const ours = state.endsWith === process.pid;
  const { endsWith: _old, ...rest } = state;
  const p = await launchScheduler(state.args, state.dataDir, !ours);
  return { ...rest, pid: p.pid, ...(p.endsWith ? { endsWith: p.endsWith } : {}) };
}

export async function stopScheduler(state: SchedulerState): Promise<void> {
  await stopProcess(state);
}
