import { join } from 'node:path';
import { daprModuleDir, ensureGoTool, ensurePythonTool } from '@todo/platform/local';

/**
 * The tools `npm run test:k8s` checks the Kubernetes artefacts with, pinned: a newer release
 * may check more, and CI should change only when we choose to.
 */
export const HELM_VERSION = 'v3.22.0';
export const ACTIONLINT_VERSION = 'v1.7.12';
export const KUBERNETES_VALIDATE_VERSION = '1.37.0';
/** The Kubernetes API the rendered objects must fit (kubernetes-validate ships 1.25–1.37). */
export const KUBERNETES_VERSION = '1.34.0';

const RETRY = 'npm run k8s:install';
const log = (msg: string) => process.stderr.write(`[k8s] ${msg}\n`);

export interface K8sTools {
  helm: string;
  actionlint: string;
  kubernetesValidate: string;
  /** Dapr's own CRDs (Component, Subscription, Configuration, Resiliency, HTTPEndpoint). */
  daprCrds: string;
}

/** Builds or finds each tool; each is cached outside the repository, keyed by version. */
export function ensureK8sTools(): K8sTools {
  return {
    helm: ensureGoTool(
      {
        name: 'helm',
        pkg: 'helm.sh/helm/v3/cmd/helm',
        version: HELM_VERSION,
        // Otherwise `helm version` names no release.
        ldflags: `-X helm.sh/helm/v3/internal/version.version=${HELM_VERSION}`,
      },
      RETRY,
      log,
    ),
    actionlint: ensureGoTool(
      {
        name: 'actionlint',
        pkg: 'github.com/rhysd/actionlint/cmd/actionlint',
        version: ACTIONLINT_VERSION,
      },
      RETRY,
      log,
    ),
    kubernetesValidate: ensurePythonTool(
      { pkg: 'kubernetes-validate', version: KUBERNETES_VALIDATE_VERSION },
      log,
    ),
    daprCrds: join(daprModuleDir(log), 'charts', 'dapr', 'crds'),
  };
}
