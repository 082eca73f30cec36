import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAPR_RESOURCES_DIR, LOCAL_RESOURCES } from '@todo/platform/testing';
import { ensureK8sTools, type K8sTools } from './testing/index.ts';
import { parseManifests, renderChart, run, validateObjects, type ManifestObject } from './testing/index.ts';

const CHART = join(dirname(fileURLToPath(import.meta.url)), 'todo');
/** The value sets the chart documents: its defaults and each file of its ci/ folder. */
const VALUE_SETS: Array<[string, string | undefined]> = [
  ['default values', undefined],
  ...readdirSync(join(CHART, 'ci'))
    .sort()
    .map((file): [string, string] => [`ci/${file}`, join(CHART, 'ci', file)]),
];
/** Who runs a sidecar with Dapr, by Deployment: the log's writer and every consumer. */
const SIDECARS = {
  'todo-relay': { appId: 'relay', appPort: undefined },
  'todo-projector': { appId: 'projectors', appPort: '8080' },
  'todo-saga': { appId: 'sagas', appPort: '8080' },
  'todo-realtime': { appId: 'realtime', appPort: '8080' },
};

let tools: K8sTools;
beforeAll(() => {
  tools = ensureK8sTools();
});

const ofKind = (objects: ManifestObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: ManifestObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`no ${kind}/${name} rendered`);
  return found;
};
interface DeploymentSpec {
  template: {
    metadata: { annotations?: Record<string, string> };
    spec: { containers: Array<{ env: Array<{ name: string; value?: string }> }> };
  };
}
const podOf = (deployment: ManifestObject) => (deployment.spec as DeploymentSpec).template;
const scopesOf = (object: ManifestObject) => (object.scopes as string[] | undefined) ?? [];

describe.each(VALUE_SETS)('the chart with %s', (_label, valuesFile) => {
  it('passes helm lint --strict', () => {
    const values = valuesFile ? ['--values', valuesFile] : [];
    const result = run(tools.helm, ['lint', '--strict', CHART, ...values]);
    expect(`${result.stdout}${result.stderr}`).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.status).toBe(0);
  });

  it('renders objects that fit the Kubernetes schemas (strict) and Dapr’s CRDs', () => {
    const objects = renderChart(tools, CHART, valuesFile);
    expect(ofKind(objects, 'Deployment').length).toBe(7);
    expect(validateObjects(tools, objects)).toEqual([]);
  });
});

describe('with dapr.enabled', () => {
  let objects: ManifestObject[];
  beforeAll(() => {
    objects = renderChart(tools, CHART, join(CHART, 'ci', 'dapr-values.yaml'));
  });

  it('gives the relay and every log consumer a sidecar with its app id, app port and configuration', () => {
    const config = ofKind(objects, 'Configuration')[0]?.metadata?.name;
    for (const [deployment, sidecar] of Object.entries(SIDECARS)) {
      const annotations = podOf(named(objects, 'Deployment', deployment)).metadata.annotations ?? {};
      expect([deployment, annotations]).toEqual([
        deployment,
        {
          'dapr.io/enabled': 'true',
          'dapr.io/app-id': sidecar.appId,
          ...(sidecar.appPort ? { 'dapr.io/app-port': sidecar.appPort } : {}),
          'dapr.io/config': config,
          'dapr.io/enable-api-logging': 'false',
        },
      ]);
    }
    for (const deployment of ofKind(objects, 'Deployment').filter(
      (d) => !(String(d.metadata?.name) in SIDECARS),
    ))
      expect(podOf(deployment).metadata.annotations).toBeUndefined();
  });

  it('reads and writes the log through the sidecars, reminders on the Jobs API', () => {
    const env = (deployment: string) =>
      Object.fromEntries(
        (podOf(named(objects, 'Deployment', deployment)).spec.containers[0]?.env ?? []).map((e) => [
          e.name,
          e.value,
        ]),
      );
    expect(env('todo-relay').RELAY_PUBLISH).toBe('dapr');
    expect(env('todo-projector').EVENT_LOG).toBe('dapr');
    expect(env('todo-saga')).toMatchObject({ EVENT_LOG: 'dapr', REMINDER_SCHEDULER: 'dapr' });
  });

  it('gives a pod with a sidecar its secrets from the Dapr secret store, the others from Secrets', () => {
    const names = (deployment: string) =>
      (podOf(named(objects, 'Deployment', deployment)).spec.containers[0]?.env ?? []).map((e) => e.name);
    const secrets = ['DATABASE_URL', 'JWT_SECRET', 'KAFKA_BROKERS'];
    for (const deployment of Object.keys(SIDECARS)) {
      expect(names(deployment)).toContain('DAPR_SECRET_STORE');
      expect(names(deployment).filter((n) => secrets.includes(n))).toEqual([]);
    }
    expect(names('todo-command-api')).toEqual(expect.arrayContaining(secrets));
    expect(names('todo-command-api')).not.toContain('DAPR_SECRET_STORE');
  });

  it('scopes the components, subscriptions and resiliency to the app ids the sidecars run as', () => {
    const pubsub = named(objects, 'Component', 'task-events');
    expect([...scopesOf(pubsub)].sort()).toEqual(['projectors', 'relay', 'sagas']);
    for (const subscription of ofKind(objects, 'Subscription'))
      expect(scopesOf(pubsub)).toEqual(expect.arrayContaining(scopesOf(subscription)));
    expect(ofKind(objects, 'Subscription').flatMap(scopesOf).sort()).toEqual(['projectors', 'sagas']);
    expect(scopesOf(ofKind(objects, 'Resiliency')[0] ?? {})).toEqual(
      expect.arrayContaining(['relay', 'projectors', 'sagas']),
    );
  });

  it('renders exactly the Dapr files the local sidecars load from (one source), the local-only ones left out', () => {
    const files = readdirSync(DAPR_RESOURCES_DIR, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.yaml') && !file.startsWith('local'))
      .sort();
    const fromFiles = files.flatMap((file) =>
      parseManifests(readFileSync(join(DAPR_RESOURCES_DIR, file), 'utf8'), file),
    );
    const rendered = objects.filter((o) => String(o.apiVersion).startsWith('dapr.io/'));
    expect(rendered).toEqual(fromFiles);
    expect(files).toEqual(expect.arrayContaining(LOCAL_RESOURCES.filter((f) => !f.startsWith('local/'))));
    expect(relative(CHART, DAPR_RESOURCES_DIR)).toBe('dapr');
  });

  it('packages with the Dapr files and without the local-only ones, rendering the same objects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'todo-chart-package-'));
    try {
      const packaged = run(tools.helm, ['package', CHART, '--destination', dir]);
      expect(packaged.status).toBe(0);
      const archive = join(dir, 'todo-0.1.0.tgz');
      const listing = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).split('\n');
      expect(listing).toEqual(expect.arrayContaining(['todo/dapr/components/pubsub-kafka.yaml']));
      expect(listing.filter((entry) => entry.startsWith('todo/dapr/local'))).toEqual([]);
      expect(renderChart(tools, archive, join(CHART, 'ci', 'dapr-values.yaml'))).toEqual(objects);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses Secret names other than the ones the Dapr files name', () => {
    const result = run(tools.helm, [
      'template',
      'todo',
      CHART,
      '--set',
      'dapr.enabled=true',
      '--set',
      'postgres.secretName=other',
    ]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('the PostgreSQL Secret must be named todo-postgres');
  });
});

describe('without Dapr (the default)', () => {
  it('renders no Dapr object and no sidecar', () => {
    const objects = renderChart(tools, CHART);
    expect(objects.filter((o) => String(o.apiVersion).startsWith('dapr.io/'))).toEqual([]);
    for (const deployment of ofKind(objects, 'Deployment'))
      expect(podOf(deployment).metadata.annotations).toBeUndefined();
  });
});

describe('with email.enabled', () => {
  const envOf = (objects: ManifestObject[], deployment: string) =>
    (podOf(named(objects, 'Deployment', deployment)).spec.containers[0]?.env ?? []) as Array<{
      name: string;
      value?: string;
      valueFrom?: unknown;
    }>;

  it('gives the services SMTP_URL from the todo-smtp Secret, the sender and the links’ base URL', () => {
    const objects = renderChart(tools, CHART, join(CHART, 'ci', 'email-values.yaml'));
    const env = envOf(objects, 'todo-saga');
    expect(env).toEqual(
      expect.arrayContaining([
        { name: 'PUBLIC_URL', value: 'https://todo.example.com' },
        { name: 'MAIL_FROM', value: 'Todo reminders <reminders@todo.example.com>' },
        { name: 'SMTP_URL', valueFrom: { secretKeyRef: { name: 'todo-smtp', key: 'url' } } },
      ]),
    );
    expect(env.map((e) => e.name)).not.toContain('EMAIL_BINDING');
  });

  it('with Dapr, sends through the sagas’ SMTP binding, scoped to them', () => {
    const result = run(tools.helm, [
      'template',
      'todo',
      CHART,
      '--namespace',
      'todo',
      '--values',
      join(CHART, 'ci', 'dapr-values.yaml'),
      '--set',
      'email.enabled=true',
    ]);
    expect(result.status).toBe(0);
    const objects = parseManifests(result.stdout, 'helm template with email');
    expect(envOf(objects, 'todo-saga')).toEqual(
      expect.arrayContaining([{ name: 'EMAIL_BINDING', value: 'reminder-mail' }]),
    );
    expect(envOf(objects, 'todo-saga').map((e) => e.name)).not.toContain('SMTP_URL');
    const binding = named(objects, 'Component', 'reminder-mail');
    expect((binding.spec as { type: string }).type).toBe('bindings.smtp');
    expect(scopesOf(binding)).toEqual(['sagas']);
  });
});
