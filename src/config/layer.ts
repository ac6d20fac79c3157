/**
 * A layer is one source of settings (file, environment, flags) flattened to
 * key paths, with unknown keys rejected. Nested maps in the file become dotted
 * keys: `docker: { image: x }` → `docker.image`.
 */
import { ConfigError } from '../errors.js';
import { COST_CAP_KEYS, isCostCapKey, type CostCapKey } from './cost-caps.js';
import { envVarName, NESTED_SECTIONS, SETTING_KEY_NAMES, isSettingKey, type SettingKey } from './keys.js';
import { isPlainObject } from './prices.js';
import { describeSource, type SettingSource } from './source.js';
import { closestName } from './suggest.js';

export interface Layer {
  /** Where the whole layer came from (a flag layer names each key through `sourceOf`). */
  sourceOf(key: string): SettingSource;
  values: Partial<Record<SettingKey, unknown>>;
  /** The raw `prices:` map, validated later. */
  prices?: unknown;
  /** The raw cost-cap maps (`max_cost_usd_by_depth:`, `max_cost_usd_by_model:`), validated later. */
  costCaps: Partial<Record<CostCapKey, unknown>>;
}

const SECTIONS: ReadonlySet<string> = new Set(NESTED_SECTIONS);
const KNOWN_TOP_LEVEL = [
  ...new Set(SETTING_KEY_NAMES.map((key) => key.split('.')[0] ?? key)),
  'prices',
  ...COST_CAP_KEYS,
];

/**
 * Flattens a nested settings object (a parsed file, or flags/inputs shaped
 * like one). Empty strings and undefined count as "not set": action inputs
 * and unset shell variables arrive that way.
 */
export function layerFromObject(
  raw: Record<string, unknown>,
  sourceOf: (key: string) => SettingSource,
): Layer {
  const layer: Layer = { sourceOf, values: {}, costCaps: {} };
  for (const [name, value] of Object.entries(raw)) {
    if (isUnset(value)) continue;
    if (name === 'prices') {
      layer.prices = value;
    } else if (isCostCapKey(name)) {
      layer.costCaps[name] = value;
    } else if (SECTIONS.has(name)) {
      if (!isPlainObject(value)) {
        throw new ConfigError(
          `config key \`${name}\`: expected a map of ${name} settings (from ${describeSource(sourceOf(name))})`,
          {
            key: name,
            fix: `Indent the ${name} settings under \`${name}:\`, e.g. \`${name}:\\n  ${exampleChild(name)}\`.`,
          },
        );
      }
      for (const [child, childValue] of Object.entries(value)) {
        if (!isUnset(childValue)) setKnown(layer, `${name}.${child}`, childValue);
      }
    } else {
      setKnown(layer, name, value);
    }
  }
  return layer;
}

/** Reads RLM_* variables; only the documented names are looked at. */
export function layerFromEnv(env: Record<string, string | undefined>): Layer {
  const layer: Layer = {
    sourceOf: (key) => ({ kind: 'env', variable: isSettingKey(key) ? envVarName(key) : key }),
    values: {},
    costCaps: {},
  };
  for (const key of SETTING_KEY_NAMES) {
    const value = env[envVarName(key)];
    if (!isUnset(value)) layer.values[key] = value;
  }
  return layer;
}

/** A real key of the section, so the fix shows valid YAML. */
function exampleChild(section: string): string {
  const key = SETTING_KEY_NAMES.find((name) => name.startsWith(`${section}.`));
  return key === undefined ? 'key: value' : `${key.slice(section.length + 1)}: ...`;
}

function setKnown(layer: Layer, key: string, value: unknown): void {
  if (!isSettingKey(key)) {
    const known = key.includes('.')
      ? SETTING_KEY_NAMES.filter((name) => name.includes('.'))
      : KNOWN_TOP_LEVEL;
    const suggestion = closestName(key, known);
    throw new ConfigError(
      `config key \`${key}\` is unknown (from ${describeSource(layer.sourceOf(key))})` +
        (suggestion ? `; did you mean \`${suggestion}\`?` : ''),
      { key, fix: `Known keys: ${known.join(', ')}.` },
    );
  }
  layer.values[key] = value;
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === '';
}
