import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../../db/free-port.ts';
import { launch, sleep, stopProcess, waitUntil, type StartedProcess } from '../../../testing/processes.ts';
import { ensureKafkaJars } from './kafka-jars.ts';

/** What a started broker leaves behind so another process can use or stop it. */
export interface BrokerState {
  pid: number;
  brokers: string;
  dataDir: string;
  propertiesFile: string;
  libs: string;
  startedAt: string;
  startMs: number;
  /** The process whose death stops the broker (see launch); none: it outlives its starter. */
  endsWith?: number;
}

const READY_LINE = 'Kafka Server started';
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

/** Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. */
function randomClusterId(): string {
  return randomBytes(16).toString('base64url');
}

function serverProperties(dataDir: string, brokerPort: number, controllerPort: number): string {
  // One node, both roles. Small internal topics keep the first consumer group quick to form.
  return `process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controllerPort}
listeners=PLAINTEXT://127.0.0.1:${brokerPort},CONTROLLER://127.0.0.1:${controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${brokerPort}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${join(dataDir, 'log')}
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.flush.interval.messages=9223372036854775807
`;
}

function log4jProperties(dataDir: string): string {
  return `status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = ${join(dataDir, 'server.log')}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.state.name = state.change.logger
logger.state.level = WARN
`;
}

function javaArgs(libs: string, dataDir: string, mainClass: string, args: string[]): string[] {
  return [
    '-Xms256m',
    '-Xmx768m',
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(dataDir, 'log4j2.properties')}`,
    '-cp',
    `${libs}/*`,
    mainClass,
    ...args,
  ];
}

/** Guards against a recycled PID: only a java process running on our data dir is ours. */
function brokerProcess(state: Pick<BrokerState, 'pid' | 'dataDir'>): StartedProcess {
  return { pid: state.pid, logFile: join(state.dataDir, 'stdout.log'), marker: state.dataDir };
}

async function startKafka(
  libs: string,
  dataDir: string,
  propertiesFile: string,
  outlivesUs: boolean,
): Promise<number> {
  // Kafka says it is ready in its own log (log4j), not on stdout; a restart appends to it.
  const serverLog = join(dataDir, 'server.log');
  const offset = existsSync(serverLog) ? readFileSync(serverLog, 'utf8').length : 0;
  const args = javaArgs(libs, dataDir, 'kafka.Kafka', [propertiesFile]);
  const started = launch('java', args, join(dataDir, 'stdout.log'), dataDir, { outlivesUs });
  const ready = async () =>
    existsSync(serverLog) && readFileSync(serverLog, 'utf8').slice(offset).includes(READY_LINE);
  await waitUntil(started, 'Kafka', ready, START_TIMEOUT_MS, serverLog);
  return started.pid;
}

/**
 * Starts a single-node KRaft broker on free loopback ports with fresh storage formatted
 * under a random cluster id. Fetches the jars first if they are not cached. The broker stops
 * when this process dies, unless `outlivesUs` (`npm run kafka:start`, whose broker is
 * stopped by `npm run kafka:stop`).
 */
export async function startBroker(
  log: (msg: string) => void = () => undefined,
  options: { dataDir?: string; outlivesUs?: boolean } = {},
): Promise<BrokerState> {
  const libs = ensureKafkaJars(log);
  const started = Date.now();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'todo-kafka-'));
  mkdirSync(dataDir, { recursive: true });
  // A kept data directory is already formatted: its topics (the log of record) survive.
  const formatted = existsSync(join(dataDir, 'log', 'meta.properties'));
  const [brokerPort, controllerPort] = [await freePort(), await freePort()];
  const propertiesFile = join(dataDir, 'server.properties');
  writeFileSync(propertiesFile, serverProperties(dataDir, brokerPort, controllerPort));
  writeFileSync(join(dataDir, 'log4j2.properties'), log4jProperties(dataDir));
  if (!formatted) {
    execFileSync(
      'java',
      javaArgs(libs, dataDir, 'kafka.tools.StorageTool', [
        'format',
        // One argument with `=`: a random id may start with '-', which would read as an option.
        `--cluster-id=${randomClusterId()}`,
        '-c',
        propertiesFile,
      ]),
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const outlivesUs = options.outlivesUs ?? false;
  const pid = await startKafka(libs, dataDir, propertiesFile, outlivesUs);
  const state: BrokerState = {
    pid,
    brokers: `127.0.0.1:${brokerPort}`,
    dataDir,
    propertiesFile,
    libs,
    startedAt: new Date().toISOString(),
    startMs: Date.now() - started,
    ...(outlivesUs ? {} : { endsWith: process.pid }),
  };
  log(`Kafka ${state.brokers} (pid ${pid}) ready in ${(state.startMs / 1000).toFixed(1)} s`);
  return state;
}

/** Stops the broker process (SIGTERM, then SIGKILL after a timeout); keeps its data. */
export async function stopBrokerProcess(
  state: BrokerState,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  await stopProcess(brokerProcess(state), signal, STOP_TIMEOUT_MS);
}

/**
 * Stops and starts the same broker on the same ports and data: a broker outage. The new one
 * ends with this process only if the old one did (a test restarting the global broker from
 * another process must not tie it to that process).
 */
export async function restartBroker(state: BrokerState, downMs = 0): Promise<BrokerState> {
  await stopBrokerProcess(state);
  await sleep(downMs);
  const ours = state.endsWith === process.pid;
  const pid = await startKafka(state.libs, state.dataDir, state.propertiesFile, !ours);
  const { endsWith: _old, ...rest } = state;
  return { ...rest, pid, ...(ours ? { endsWith: process.pid } : {}) };
}

/** Stops the broker and deletes its data directory. */
export async function stopBroker(state: BrokerState): Promise<void> {
  await stopBrokerProcess(state);
  rmSync(state.dataDir, { recursive: true, force: true });
}

export const DEFAULT_STATE_FILE = join(process.cwd(), '.cache', 'kafka-broker.json');

export function readBrokerState(file = DEFAULT_STATE_FILE): BrokerState | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as BrokerState;
}
