import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureK8sTools, type K8sTools } from './testing/index.ts';
import { renderChart, run, validateObjects } from './testing/index.ts';

// The checks of todo-chart.k8s.spec.ts can fail: a copy of the chart, broken in one place
// each time, is refused, and the report names what is wrong.
const CHART = join(dirname(fileURLToPath(import.meta.url)), 'todo');
const DAPR_VALUES = join(CHART, 'ci', 'dapr-values.yaml');

let tools: K8sTools;
let copy: string | undefined;
beforeAll(() => {
  tools = ensureK8sTools();
});
afterEach(() => {
  if (copy) rmSync(dirname(copy), { recursive: true, force: true });
});

/** A copy of the chart with one file's text replaced (the original must contain it). */
function brokenChart(file: string, from: string, to: string): string {
  copy = join(mkdtempSync(join(tmpdir(), 'todo-broken-chart-')), 'todo');
  cpSync(CHART, copy, { recursive: true });
  const text = readFileSync(join(copy, file), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(copy, file), text.replace(from, to));
  return copy;
}

describe('a broken chart fails the suite', () => {
  it('given a template that does not parse, helm lint fails and names the template', () => {
    const chart = brokenChart('templates/deployments.yaml', '{{- if $svc.http }}', '{{- if $svc.http }');
    const result = run(tools.helm, ['lint', '--strict', chart]);
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('templates/deployments.yaml');
  });

  it('given a misspelt field in a Deployment, the strict Kubernetes schema check names the field', () => {
    const chart = brokenChart(
      'templates/deployments.yaml',
      'terminationGracePeriodSeconds: 30',
      'terminationGracePeriod: 30',
    );
    const problems = validateObjects(tools, renderChart(tools, chart));
    expect(problems.length).toBe(7);
    expect(problems[0]).toMatch(/ERROR .*deployment\/todo-command-api.*terminationGracePeriod/);
  });

  it('given a wrong type in a Service, the Kubernetes schema check names the path', () => {
    const chart = brokenChart('templates/deployments.yaml', 'port: 8080\n', "port: 'eighty'\n");
    const problems = validateObjects(tools, renderChart(tools, chart));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(/service\/todo-gateway.*spec\.ports\.0\.port/);
  });

  it('given an unknown field in a Dapr subscription file, Dapr’s CRD check names the field', () => {
    const chart = brokenChart('dapr/subscriptions/sagas.yaml', 'deadLetterTopic:', 'deadLetterTopics:');
    expect(validateObjects(tools, renderChart(tools, chart, DAPR_VALUES))).toEqual([
      'Subscription/sagas-task-events (dapr.io/v2alpha1): /spec must NOT have additional properties (deadLetterTopics)',
    ]);
  });

  it('given a Dapr component without its type, Dapr’s CRD check says it is required', () => {
    const chart = brokenChart('dapr/components/pubsub-kafka.yaml', '  type: pubsub.kafka\n', '');
    expect(validateObjects(tools, renderChart(tools, chart, DAPR_VALUES))).toEqual([
      "Component/task-events (dapr.io/v1alpha1): /spec must have required property 'type'",
    ]);
  });

  it('given a Dapr kind no CRD serves, the check says so', () => {
    const chart = brokenChart(
      'dapr/resiliency.yaml',
      'apiVersion: dapr.io/v1alpha1',
      'apiVersion: dapr.io/v9',
    );
    expect(validateObjects(tools, renderChart(tools, chart, DAPR_VALUES))).toEqual([
      'Resiliency/todo-resiliency (dapr.io/v9): no CustomResourceDefinition serves this kind',
    ]);
  });
});
