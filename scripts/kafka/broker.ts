import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
}

const READY_LINE = 'Kafka Server started';
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Guards against a recycled PID: only a java process running on our data dir is ours. */
function isOurBroker(state: BrokerState): boolean {
  try {
    const cmdline = readFileSync(`/proc/${state.pid}/cmdline`, 'utf8');
    return cmdline.includes(state.dataDir);
  } catch {
    return isAlive(state.pid);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function launch(libs: string, dataDir: string, propertiesFile: string): Promise<number> {
  const out = openSync(join(dataDir, 'stdout.log'), 'a');
  const child = spawn('java', javaArgs(libs, dataDir, 'kafka.Kafka', [propertiesFile]), {
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  child.unref();
  if (!child.pid) throw new Error('could not start java');
  const pid = child.pid;
  const logFile = join(dataDir, 'server.log');
  const deadline = Date.now() + START_TIMEOUT_MS;
  const offset = existsSync(logFile) ? readFileSync(logFile, 'utf8').length : 0;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) {
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-3000) : '';
      throw new Error(`Kafka exited during start-up:\n${tail}`);
    }
    if (existsSync(logFile) && readFileSync(logFile, 'utf8').slice(offset).includes(READY_LINE)) return pid;
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
  throw new Error(`Kafka did not start within ${START_TIMEOUT_MS} ms (log: ${logFile})`);
}

/**
 * Starts a single-node KRaft broker on free loopback ports with fresh storage formatted
 * under a random cluster id. Fetches the jars first if they are not cached.
 */
export async function startBroker(
  log: (msg: string) => void = () => undefined,
  options: { dataDir?: string } = {},
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
        '-t',
        randomClusterId(),
        '-c',
        propertiesFile,
      ]),
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const pid = await launch(libs, dataDir, propertiesFile);
  const state: BrokerState = {
    pid,
    brokers: `127.0.0.1:${brokerPort}`,
    dataDir,
    propertiesFile,
    libs,
    startedAt: new Date().toISOString(),
    startMs: Date.now() - started,
  };
  log(`Kafka ${state.brokers} (pid ${pid}) ready in ${(state.startMs / 1000).toFixed(1)} s`);
  return state;
}

/** Stops the broker process (SIGTERM, then SIGKILL after a timeout); keeps its data. */
export async function stopBrokerProcess(
  state: BrokerState,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!isOurBroker(state)) return;
  process.kill(state.pid, signal);
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(state.pid)) {
    if (Date.now() > deadline) {
      process.kill(state.pid, 'SIGKILL');
      await sleep(200);
      break;
    }
    await sleep(100);
  }
}

/** Stops and starts the same broker on the same ports and data: a broker outage. */
export async function restartBroker(state: BrokerState, downMs = 0): Promise<BrokerState> {
  await stopBrokerProcess(state);
  await sleep(downMs);
  const pid = await launch(state.libs, state.dataDir, state.propertiesFile);
  return { ...state, pid };
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
