import { expectStatus, type Requester } from '../harness/api.ts';

/** The parts of a JSON schema the probes read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  minLength?: number;
  minItems?: number;
  minimum?: number;
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: string;
  /** As the spec writes it, e.g. `/api/tasks/{id}`. */
  path: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Every operation `/api/openapi.json` documents: a route added later is probed without a change here. */
export async function documentedOperations(api: Requester): Promise<Operation[]> {
  const spec = expectStatus(await api('GET', '/api/openapi.json'), 200, 'GET /api/openapi.json').body as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }
      >
    >;
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return operations;
}

export const describeOperation = (op: Operation) => `${op.method} ${op.path}`;
