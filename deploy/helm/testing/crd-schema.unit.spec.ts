import { describe, expect, it } from '@jest/globals';
import { crdSchemas, strictSchema } from './crd-schema.ts';

describe('a CRD schema node made strict', () => {
  it('given an object with properties, refuses the fields it does not name, at every depth', () => {
    const node = {
      type: 'object',
      properties: {
        spec: { type: 'object', properties: { topic: { type: 'string' } } },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
      },
    };
    expect(strictSchema(node)).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        spec: { type: 'object', additionalProperties: false, properties: { topic: { type: 'string' } } },
        items: {
          type: 'array',
          items: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } },
        },
      },
    });
  });

  it('given x-kubernetes-preserve-unknown-fields, keeps unknown fields there', () => {
    const node = {
      type: 'object',
      'x-kubernetes-preserve-unknown-fields': true,
      properties: { a: { type: 'string' } },
    };
    expect(strictSchema(node)).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
  });

  it('given an open map (additionalProperties), leaves it open with its value schema made strict', () => {
    const node = {
      type: 'object',
      additionalProperties: { type: 'object', properties: { b: { type: 'integer' } } },
    };
    expect(strictSchema(node)).toEqual({
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { b: { type: 'integer' } },
      },
    });
  });

  it('given int-or-string, nullable and an OpenAPI format, spells them in JSON Schema', () => {
    expect(strictSchema({ 'x-kubernetes-int-or-string': true, type: 'string' })).toEqual({
      anyOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(strictSchema({ type: 'integer', format: 'int32', nullable: true })).toEqual({
      type: ['integer', 'null'],
    });
  });
});

describe('the schemas of a CRD', () => {
  const crd = {
    kind: 'CustomResourceDefinition',
    spec: {
      group: 'dapr.io',
      names: { kind: 'Subscription' },
      versions: [
        { name: 'v1alpha1', served: true, schema: { openAPIV3Schema: { type: 'object', properties: {} } } },
        { name: 'v2alpha1', served: true, schema: { openAPIV3Schema: { type: 'object', properties: {} } } },
        { name: 'v0', served: false, schema: { openAPIV3Schema: { type: 'object', properties: {} } } },
      ],
    },
  };

  it('given served versions, names each by group/version and kind, with a named metadata required', () => {
    const schemas = crdSchemas(crd);
    expect(schemas.map((s) => `${s.apiVersion} ${s.kind}`)).toEqual([
      'dapr.io/v1alpha1 Subscription',
      'dapr.io/v2alpha1 Subscription',
    ]);
    expect(schemas[0]?.schema).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['metadata'],
      properties: {
        metadata: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string', minLength: 1 } },
        },
      },
    });
  });

  it('given something that is not a CRD, gives no schema', () => {
    expect(crdSchemas({ kind: 'Deployment' })).toEqual([]);
  });
});
