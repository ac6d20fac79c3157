import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

import { trajectorySchema } from './schema.js';

export interface ValidationResult {
  valid: boolean;
  /** One readable line per problem, e.g. "/calls/0/tokens_in must be integer". */
  errors: string[];
}

let compiled: ValidateFunction | undefined;

/** Compiled on first use, then reused: compiling costs far more than validating. */
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(trajectorySchema);
  return compiled;
}

export function validateTrajectory(value: unknown): ValidationResult {
  const validate = validator();
  const valid = validate(value);
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describeError) };
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const extra =
    error.keyword === 'additionalProperties' && 'additionalProperty' in error.params
      ? ` (${String(error.params.additionalProperty)})`
      : '';
  return `${where} ${error.message ?? 'is invalid'}${extra}`;
}
