/**
 * A CustomResourceDefinition's `openAPIV3Schema` as a JSON Schema that checks an object as an
 * API server with strict field validation does (`kubectl apply --validate=strict`): a field
 * the schema does not name is an error, unless the schema keeps unknown fields
 * (`x-kubernetes-preserve-unknown-fields`). Pure: no files, no validator.
 */
export type JsonSchema = { [key: string]: unknown };

export interface CrdVersionSchema {
  /** `group/version`, as an object's `apiVersion` names it. */
  apiVersion: string;
  kind: string;
  schema: JsonSchema;
}

interface Crd {
  kind?: unknown;
  spec?: {
    group?: string;
    names?: { kind?: string };
    versions?: Array<{ name: string; served?: boolean; schema?: { openAPIV3Schema?: JsonSchema } }>;
  };
}

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One schema node, recursively: unknown fields refused, Kubernetes' extensions spelled out. */
export function strictSchema(node: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-') || key === 'nullable' || key === 'format') continue;
    if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, isObject(child) ? strictSchema(child) : child]),
      );
    } else if ((key === 'items' || key === 'additionalProperties') && isObject(value)) {
      out[key] = strictSchema(value);
    } else {
      out[key] = value;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  const keepsUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.type === 'object' && isObject(out.properties) && !('additionalProperties' in out) && !keepsUnknown)
    out.additionalProperties = false;
  return out;
}

/**
 * Every served version of a CRD as a strict schema. The top-level `metadata`, which the CRD
 * leaves open (the API server checks it as ObjectMeta), must at least carry a name.
 */
export function crdSchemas(crd: Crd): CrdVersionSchema[] {
  if (crd.kind !== 'CustomResourceDefinition') return [];
  const group = crd.spec?.group;
  const kind = crd.spec?.names?.kind;
  if (!group || !kind) throw new Error('a CustomResourceDefinition without spec.group or spec.names.kind');
  return (crd.spec?.versions ?? [])
    .filter((version) => version.served !== false && version.schema?.openAPIV3Schema)
    .map((version) => {
      const schema = strictSchema(version.schema?.openAPIV3Schema ?? {});
      const properties = isObject(schema.properties) ? schema.properties : {};
      return {
        apiVersion: `${group}/${version.name}`,
        kind,
        schema: {
          ...schema,
          required: [...new Set([...(Array.isArray(schema.required) ? schema.required : []), 'metadata'])],
          properties: {
            ...properties,
            metadata: {
              type: 'object',
              required: ['name'],
              properties: { name: { type: 'string', minLength: 1 } },
            },
          },
        },
      };
    });
}
