import { Ajv, type ValidateFunction } from 'ajv';
import { describeSchemaError } from '../schema-errors.js';

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
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describeSchemaError) };
}
