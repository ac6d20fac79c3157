/**
 * Checks one raw value against its key's spec and turns it into the typed value.
 * Values from the environment, flags and action inputs arrive as strings, so
 * strings are parsed for every kind; YAML values arrive typed and pass as is.
 */
import { ConfigError } from '../errors.js';
import type { ValueSpec } from './keys.js';
import { describeSource, type SettingSource } from './source.js';
import { formatByteSize, parseByteSize } from './units.js';

export type SettingValue = string | number | boolean | null;

/** Strings that mean "no value / no cap" for nullable keys, so `--max-cost none` works from a shell. */
const NULL_WORDS = new Set(['null', 'none', '~']);
const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

export function coerceSetting(
  key: string,
  spec: ValueSpec,
  raw: unknown,
  source: SettingSource,
): SettingValue {
  const fail = (problem: string): never => {
    throw new ConfigError(`config key \`${key}\`: ${problem} (from ${describeSource(source)})`, {
      key,
      fix: `Use ${allowedValues(spec)}.`,
    });
  };
  const shown = showValue(raw);

  if (
    isNullable(spec) &&
    (raw === null || (typeof raw === 'string' && NULL_WORDS.has(raw.trim().toLowerCase())))
  ) {
    return null;
  }
  if (raw === null || raw === undefined) return fail(`a value is required; allowed: ${allowedValues(spec)}`);

  switch (spec.kind) {
    case 'enum': {
      if (typeof raw === 'string' && spec.values.includes(raw)) return raw;
      return fail(`${shown} is not one of ${spec.values.join(', ')}`);
    }
    case 'string': {
      if (typeof raw !== 'string' || raw.trim() === '') return fail(`${shown} is not a non-empty string`);
      if (spec.pattern && !spec.pattern.test(raw))
        return fail(`${shown} is not ${spec.patternHint ?? 'valid'}`);
      return raw;
    }
    case 'url': {
      if (typeof raw !== 'string' || !URL.canParse(raw)) return fail(`${shown} is not a URL`);
      const protocol = new URL(raw).protocol;
      if (protocol !== 'http:' && protocol !== 'https:') return fail(`${shown} is not an http(s) URL`);
      return raw;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string' && TRUE_WORDS.has(raw.trim().toLowerCase())) return true;
      if (typeof raw === 'string' && FALSE_WORDS.has(raw.trim().toLowerCase())) return false;
      return fail(`${shown} is not a boolean`);
    }
    case 'integer':
    case 'number': {
      const number = toNumber(raw);
      if (number === undefined) return fail(`${shown} is not a number`);
      if (spec.kind === 'integer' && !Number.isInteger(number)) return fail(`${shown} is not an integer`);
      const belowMin = 'minExclusive' in spec && spec.minExclusive ? number <= spec.min : number < spec.min;
      if (belowMin || (spec.max !== undefined && number > spec.max)) return fail(`${shown} is out of range`);
      return number;
    }
    case 'size': {
      const bytes = parseByteSize(raw);
      if (bytes === undefined) return fail(`${shown} is not a size`);
      if (bytes < spec.min) return fail(`${shown} is too small`);
      return bytes;
    }
  }
}

/** The allowed values in words, for error messages and docs. */
export function allowedValues(spec: ValueSpec): string {
  const orNull = isNullable(spec) ? ' or null (none)' : '';
  switch (spec.kind) {
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    case 'string':
      return `${spec.patternHint ?? 'a non-empty string'}${orNull}`;
    case 'url':
      return `an http(s) URL${orNull}`;
    case 'boolean':
      return 'true or false';
    case 'integer':
    case 'number': {
      const what = spec.kind === 'integer' ? 'an integer' : 'a number';
      const lower =
        'minExclusive' in spec && spec.minExclusive ? `greater than ${spec.min}` : `at least ${spec.min}`;
      const upper = spec.max === undefined ? '' : ` and at most ${spec.max}`;
      return `${what} ${lower}${upper}${orNull}`;
    }
    case 'size':
      return `a size in bytes or with unit k, m, g (e.g. 512m, 1g), at least ${formatByteSize(spec.min)}`;
  }
}

function isNullable(spec: ValueSpec): boolean {
  return 'nullable' in spec && spec.nullable === true;
}

function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const number = Number(raw.trim());
  return Number.isFinite(number) ? number : undefined;
}

function showValue(raw: unknown): string {
  if (typeof raw === 'string') return `'${raw}'`;
  if (raw === null || raw === undefined) return String(raw);
  if (typeof raw === 'object') return JSON.stringify(raw);
  return String(raw);
}
