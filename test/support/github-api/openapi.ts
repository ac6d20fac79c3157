/**
 * GitHub's published REST description (npm @octokit/openapi, api.github.com)
 * as a test oracle: which GET routes exist, which query parameters they take,
 * and a JSON Schema validator for their 200 responses. OpenAPI 3.0's
 * `nullable` is rewritten to JSON Schema's `null` type for Ajv.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

interface Parameter {
  name: string;
  in: string;
}
interface Operation {
  parameters?: Parameter[];
  responses: Record<
    string,
    { content?: Record<string, { schema?: unknown; examples?: Record<string, { value: unknown }> }> }
  >;
}
interface Description {
  paths: Record<string, Record<string, Operation>>;
}

let description: Description | null = null;
function load(): Description {
  description ??= JSON.parse(
    readFileSync(path.resolve('node_modules/@octokit/openapi/generated/api.github.com.deref.json'), 'utf8'),
  ) as Description;
  return description;
}

function templateRegex(template: string): RegExp {
  const pattern = template
    .split('/')
    .map((part) =>
      part === '{path}' ? '.+' : /^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${pattern}$`);
}

/** The documented route a concrete path falls under, or null. Literal routes beat templated ones. */
export function routeOf(
  method: string,
  concretePath: string,
): { template: string; operation: Operation } | null {
  const paths = load().paths;
  const candidates = Object.keys(paths)
    .filter(
      (template) =>
        paths[template]?.[method.toLowerCase()] !== undefined && templateRegex(template).test(concretePath),
    )
    .sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  const template = candidates[0];
  const operation = template === undefined ? undefined : paths[template]?.[method.toLowerCase()];
  return template === undefined || operation === undefined ? null : { template, operation };
}

export function queryParameters(operation: Operation): string[] {
  return (operation.parameters ?? [])
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => parameter.name);
}

/** A published example body of a route's response. */
export function exampleOf(
  template: string,
  status = '200',
  name = 'default',
  type = 'application/json',
): unknown {
  const content = load().paths[template]?.get?.responses[status]?.content?.[type];
  let example = content?.examples?.[name]?.value;
  if (example === undefined) throw new Error(`no example ${name} for GET ${template} ${status}`);
  // Some examples carry GitHub's versioning notes next to the body: {value, "x-github-breaking-changes"}.
  if (example !== null && typeof example === 'object' && 'value' in example) {
    const keys = Object.keys(example);
    if (keys.every((key) => key === 'value' || key.startsWith('x-')))
      example = (example as { value: unknown }).value;
  }
  return structuredClone(example);
}

function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const { nullable, example: _example, examples: _examples, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]),
  );
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string') {
    const withNull: Record<string, unknown> = { ...converted, type: [converted.type, 'null'] };
    if (Array.isArray(converted.enum)) withNull.enum = [...(converted.enum as unknown[]), null];
    return withNull;
  }
  return { anyOf: [converted, { type: 'null' }] };
}

const ajv = new Ajv({ strict: false, logger: false, allErrors: true });
const validators = new Map<string, ValidateFunction>();

/** Validates a 200 JSON body against the route's published schema; returns the errors (empty when valid). */
export function responseErrors(template: string, body: unknown): string[] {
  let validate = validators.get(template);
  if (validate === undefined) {
    const schema = load().paths[template]?.get?.responses['200']?.content?.['application/json']?.schema;
    if (schema === undefined) throw new Error(`no JSON 200 response for GET ${template}`);
    validate = ajv.compile(toJsonSchema(schema) as object);
    validators.set(template, validate);
  }
  return validate(body)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
