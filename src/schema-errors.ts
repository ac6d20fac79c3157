import type { ErrorObject } from 'ajv';

/** One readable line per JSON Schema problem, e.g. "/calls/0/tokens_in must be integer". */
export function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties' && 'additionalProperty' in error.params
      ? ` (${String(error.params.additionalProperty)})`
      : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}
