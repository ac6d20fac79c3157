/** Public face of the config layer: the CLI and the Action import from here. */
export { resolveSettings } from './settings.js';
export type { DockerSettings, RawSettings, ResolveSettingsOptions, Settings } from './settings.js';
export { configFilePath, readConfigFileFromDisk } from './config-file.js';
export type { ConfigFileReader } from './config-file.js';
export { SETTING_KEYS, SETTING_KEY_NAMES, envVarName } from './keys.js';
export type { SettingKey } from './keys.js';
export { describeSource } from './source.js';
export type { SettingSource } from './source.js';
export { parseByteSize, formatByteSize } from './units.js';
export { toRLMOptions } from './to-rlm-options.js';
export type { HostMounts, RunSecrets } from './to-rlm-options.js';
export { defaultConfigText } from './template.js';
export { readApiKey } from './api-key.js';
