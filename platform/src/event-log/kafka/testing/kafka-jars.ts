import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Apache Kafka 4.x runs its broker on Java 17+ (the machine's Java), in KRaft mode only.
 * 4.2.0 is on Maven Central; the broker is the `kafka_2.13` artifact plus its runtime deps.
 */
export const KAFKA_VERSION = process.env.KAFKA_VERSION ?? '4.2.0';
const LOG4J_VERSION = '2.24.3';

/** Jars live outside the repository so clones and `git clean` never refetch them. */
export function kafkaCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'todo-system', 'kafka', KAFKA_VERSION);
}

function pom(): string {
  // log4j-slf4j-impl binds the broker's slf4j 1.7 logging to log4j2 so its log is readable.
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.todo-system</groupId><artifactId>kafka-broker-jars</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>${LOG4J_VERSION}</version></dependency>
  </dependencies>
</project>
`;
}

/**
 * Returns the directory holding the broker's jars, fetching them with `mvn` on first use
 * (dependency:copy-dependencies over a generated pom). A stamp file marks a complete fetch.
 */
export function ensureKafkaJars(log: (msg: string) => void = () => undefined): string {
  const dir = kafkaCacheDir();
  const libs = join(dir, 'libs');
  const stamp = join(dir, '.complete');
  if (existsSync(stamp)) return libs;
  const started = Date.now();
  log(`fetching Apache Kafka ${KAFKA_VERSION} jars from Maven Central into ${dir}`);
  mkdirSync(dir, { recursive: true });
  rmSync(libs, { recursive: true, force: true });
  writeFileSync(join(dir, 'pom.xml'), pom());
  execFileSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(dir, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${libs}`,
      '-DincludeScope=runtime',
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const jars = readdirSync(libs).filter((f) => f.endsWith('.jar'));
  if (!jars.some((j) => j.startsWith('kafka_2.13-'))) throw new Error(`kafka jar missing in ${libs}`);
  writeFileSync(stamp, new Date().toISOString());
  log(`fetched ${jars.length} jars in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return libs;
}
