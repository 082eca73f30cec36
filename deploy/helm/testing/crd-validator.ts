import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { crdSchemas } from './crd-schema.ts';

export interface ManifestObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown };
  [key: string]: unknown;
}

/** Every YAML document of a text, empty ones left out; a document that does not parse throws. */
export function parseManifests(text: string, source: string): ManifestObject[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS();
    return value === null || value === undefined ? [] : [value as ManifestObject];
  });
}

export const describeObject = (object: ManifestObject) =>
  `${String(object.kind)}/${String(object.metadata?.name)} (${String(object.apiVersion)})`;

/**
 * Checks objects against the CRDs of a folder (Dapr's `charts/dapr/crds`), strictly: an
 * object whose apiVersion and kind no CRD serves is an error too.
 */
export class CrdValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(crdDir: string) {
    // The CRDs use OpenAPI's `format: int32`, unknown to JSON Schema: no format checks.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    for (const file of readdirSync(crdDir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      const path = join(crdDir, file);
      for (const crd of parseManifests(readFileSync(path, 'utf8'), path))
        for (const version of crdSchemas(crd))
          this.validators.set(`${version.apiVersion} ${version.kind}`, ajv.compile(version.schema));
    }
    if (this.validators.size === 0) throw new Error(`no CustomResourceDefinition found in ${crdDir}`);
  }

  /** The kinds the folder defines, e.g. `dapr.io/v1alpha1 Component`. */
  kinds(): string[] {
    return [...this.validators.keys()].sort();
  }

  /** What is wrong with the object, one line each; empty when it fits its CRD. */
  validate(object: ManifestObject): string[] {
    const validate = this.validators.get(`${String(object.apiVersion)} ${String(object.kind)}`);
    if (!validate) return [`${describeObject(object)}: no CustomResourceDefinition serves this kind`];
    if (validate(object)) return [];
    return (validate.errors ?? []).map((error) => {
      const extra =
        error.keyword === 'additionalProperties'
          ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})`
          : '';
      return `${describeObject(object)}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}${extra}`;
    });
  }
}
