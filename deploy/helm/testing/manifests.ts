import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrdValidator, describeObject, parseManifests, type ManifestObject } from './crd-validator.ts';
import { KUBERNETES_VERSION, type K8sTools } from './k8s-tools.ts';

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(binary: string, args: string[], cwd?: string): RunResult {
  const result = spawnSync(binary, args, { encoding: 'utf8', cwd, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `helm template` of a chart with a values file (or none); throws with helm's words on failure. */
export function renderChart(tools: K8sTools, chartDir: string, valuesFile?: string): ManifestObject[] {
  const values = valuesFile ? ['--values', valuesFile] : [];
  const result = run(tools.helm, ['template', 'todo', chartDir, '--namespace', 'todo', ...values]);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr.trim()}`);
  return parseManifests(result.stdout, `helm template ${chartDir}`);
}

const isDapr = (object: ManifestObject) => String(object.apiVersion).startsWith('dapr.io/');

/**
 * What is wrong with the objects, one line each: Dapr's kinds against Dapr's CRDs, every other
 * object against the Kubernetes schemas with `kubernetes-validate --strict`. A kind without a
 * schema is an error too (kubernetes-validate only warns of it).
 */
export function validateObjects(tools: K8sTools, objects: ManifestObject[]): string[] {
  const crds = new CrdValidator(tools.daprCrds);
  const problems = objects.filter(isDapr).flatMap((object) => crds.validate(object));
  const plain = objects.filter((object) => !isDapr(object));
  if (plain.length === 0) return problems;
  const dir = mkdtempSync(join(tmpdir(), 'todo-k8s-validate-'));
  try {
    // One file per object, so that a report names the object by its file too; as JSON (which
    // is YAML), since PyYAML reads YAML 1.1, where an unquoted `off` would be false.
    const files = plain.map((object, i) => {
      const file = join(dir, `${String(i).padStart(3, '0')}-${String(object.kind)}.yaml`);
      writeFileSync(file, JSON.stringify(object));
      return file;
    });
    const result = run(tools.kubernetesValidate, ['--strict', '--quiet', '-k', KUBERNETES_VERSION, ...files]);
    const lines = `${result.stdout}\n${result.stderr}`
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (result.status !== 0 && lines.length === 0)
      lines.push(`kubernetes-validate exited with ${String(result.status)}`);
    return [...problems, ...lines];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export { describeObject, parseManifests, type ManifestObject };
