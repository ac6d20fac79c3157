/**
 * The commented config file `rlm init` writes, generated from the key table so
 * it always lists every key with its current default.
 */
import { allowedValues } from './coerce.js';
import {
  envVarName,
  NESTED_SECTIONS,
  SETTING_KEYS,
  SETTING_KEY_NAMES,
  type Section,
  type SettingKey,
} from './keys.js';
import { formatByteSize } from './units.js';

const SECTION_TITLES: Record<Section, string> = {
  docker: 'Sandbox container limits (environment: docker).',
  viz: 'The `rlm visualize` dashboard.',
};

export function defaultConfigText(): string {
  const lines = [
    '# rlm configuration. Precedence: command-line flags > RLM_* environment variables > this file > defaults.',
    '# API keys never go here: set ANTHROPIC_API_KEY, OPENAI_API_KEY or LITELLM_API_KEY in the environment',
    '# (or name your own variable with api_key_env). Reference: docs/cli.md.',
    '',
  ];
  const topLevel = SETTING_KEY_NAMES.filter((key) => !key.includes('.'));
  for (const key of topLevel) lines.push(...entry(key, key, ''));
  for (const section of NESTED_SECTIONS) {
    lines.push(`# ${SECTION_TITLES[section]}`, `${section}:`);
    for (const key of SETTING_KEY_NAMES.filter((name) => name.startsWith(`${section}.`))) {
      lines.push(...entry(key, key.slice(section.length + 1), '  '));
    }
  }
  lines.push(
    '# Price overrides in USD per million tokens, for models missing from the built-in table:',
    '# prices:',
    '#   my-model: { input: 3, output: 15, cache_read: 0.3, cache_write: 3.75 }',
    '',
  );
  return lines.join('\n');
}

function entry(key: SettingKey, name: string, indent: string): string[] {
  const { spec, doc } = SETTING_KEYS[key];
  const value = SETTING_KEYS[key].default;
  const shown = spec.kind === 'size' && typeof value === 'number' ? formatByteSize(value) : yamlScalar(value);
  return [
    `${indent}# ${doc}`,
    `${indent}# Allowed: ${allowedValues(spec)}. Environment: ${envVarName(key)}.`,
    `${indent}${name}: ${shown}`,
    '',
  ];
}

function yamlScalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  // Quote only what YAML would otherwise read as another type or syntax.
  return /^[\w./-][\w./:-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~|[\d.]+)$/i.test(value)
    ? value
    : JSON.stringify(value);
}
