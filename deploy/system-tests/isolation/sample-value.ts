import { randomUUID } from 'node:crypto';
import type { JsonSchema } from './openapi.ts';

/** Values by field name where the type alone does not give a valid one. */
export type Hints = Record<string, unknown>;

const typeOf = (schema: JsonSchema) =>
  Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;

/**
 * A valid value for a JSON schema, so that a probe reaches the route's ownership check instead
 * of stopping at validation (the owner's control request proves it did). Required fields only,
 * or the first field when none is required (a PATCH needs one).
 */
export function sampleValue(schema: JsonSchema, name: string, hints: Hints): unknown {
  if (name in hints) return hints[name];
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return sampleValue(options.find((o) => typeOf(o) !== 'null') ?? options[0]!, name, hints);
  if (schema.enum) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'object': {
      const properties = schema.properties ?? {};
      const names = schema.required?.length ? schema.required : Object.keys(properties).slice(0, 1);
      return Object.fromEntries(names.map((n) => [n, sampleValue(properties[n] ?? {}, n, hints)]));
    }
    case 'array':
      return schema.minItems && schema.items
        ? Array.from({ length: schema.minItems }, () => sampleValue(schema.items!, name, hints))
        : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return '2030-01-02T03:04:05.000Z';
      if (schema.format === 'email') return 'probe@example.com';
      if (schema.format === 'uri') return 'http://127.0.0.1:9/probe';
      return 'probe'.padEnd(schema.minLength ?? 1, 'e');
    default:
      return 'probe';
  }
}
