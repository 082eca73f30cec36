import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ensureK8sTools, type K8sTools } from '@todo/deploy/testing';
import { run } from '@todo/deploy/testing';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');
const workflowFiles = () =>
  readdirSync(WORKFLOWS)
    .filter((f) => f.endsWith('.yml'))
    .sort();

/** actionlint checks the `run:` scripts with shellcheck when it finds one (.ci/run installs it). */
function shellcheck(): string[] {
  try {
    return ['-shellcheck', execFileSync('which', ['shellcheck'], { encoding: 'utf8' }).trim()];
  } catch {
    return ['-shellcheck='];
  }
}

let tools: K8sTools;
beforeAll(() => {
  tools = ensureK8sTools();
});

const actionlint = (files: string[]) => run(tools.actionlint, ['-no-color', ...shellcheck(), ...files], ROOT);

describe('the GitHub Actions workflows', () => {
  it('are the seed plan’s three: build-and-test, a Minikube deploy, a cloud deploy', () => {
    expect(workflowFiles()).toEqual(['build-and-test.yml', 'deploy-cloud.yml', 'deploy-minikube.yml']);
  });

  it('pass actionlint', () => {
    const result = actionlint(workflowFiles().map((f) => join(WORKFLOWS, f)));
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });

  it('build and test with the README’s test command', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const command = /^(npm test)\s+#/m.exec(readme)?.[1];
    expect(command).toBe('npm test');
    const workflow = parse(readFileSync(join(WORKFLOWS, 'build-and-test.yml'), 'utf8')) as {
      jobs: Record<string, { steps: Array<{ run?: string }> }>;
    };
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run));
    expect(runs).toEqual(expect.arrayContaining([command, 'npm run test:k8s']));
  });

  it('deploy the chart with Dapr enabled, the cloud one by hand only', () => {
    for (const file of ['deploy-minikube.yml', 'deploy-cloud.yml'])
      expect(readFileSync(join(WORKFLOWS, file), 'utf8')).toContain(
        '--values deploy/helm/todo/ci/dapr-values.yaml',
      );
    const cloud = parse(readFileSync(join(WORKFLOWS, 'deploy-cloud.yml'), 'utf8')) as { on: object };
    expect(Object.keys(cloud.on)).toEqual(['workflow_dispatch']);
  });
});

describe('a broken workflow fails actionlint', () => {
  it('given an unknown input, a bad expression and a missing runner, names each', () => {
    const dir = mkdtempSync(join(tmpdir(), 'todo-broken-workflow-'));
    try {
      const file = join(dir, 'broken.yml');
      writeFileSync(
        file,
        [
          'on: push',
          'jobs:',
          '  test:',
          '    steps:',
          '      - uses: actions/checkout@v4',
          '        with:',
          '          fetch-deep: 1',
          '      - run: echo "${{ github.sha }"',
          '',
        ].join('\n'),
      );
      const result = actionlint([file]);
      expect(result.status).not.toBe(0);
      expect(result.stdout).toContain('"runs-on" section is missing');
      expect(result.stdout).toContain('input "fetch-deep" is not defined');
      expect(result.stdout).toMatch(/unexpected end of input|got unexpected character/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
