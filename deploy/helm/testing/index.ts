// The chart's checks (npm run test:k8s): the cached helm, actionlint and kubernetes-validate,
// rendering and validating manifests, and Dapr's CRDs as strict JSON schemas.
export * from './k8s-tools.ts';
export * from './manifests.ts';
export * from './crd-validator.ts';
