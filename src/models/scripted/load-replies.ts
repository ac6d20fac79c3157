/**
 * Builds the scripted backend's ReplySource from a ScriptSource. Reads files
 * synchronously so a bad script fails at startup (ConfigError, exit 5), not
 * at the first model call.
 */
import type { ScriptSource } from '../options.js';
import type { ReplySource } from './reply-source.js';
import { ScriptReplies } from './script-replies.js';
import { loadScriptFile } from './script-file.js';
import { validateScript } from './script-validation.js';
import { readRecordedTrajectory } from './trajectory-file.js';
import { TrajectoryReplies } from './trajectory-replies.js';

export function loadReplies(source: ScriptSource): ReplySource {
  if ('file' in source) return new ScriptReplies(loadScriptFile(source.file), source.file);
  if ('script' in source)
    return new ScriptReplies(validateScript(source.script, 'inline script'), 'inline script');
  return new TrajectoryReplies(readRecordedTrajectory(source.trajectoryFile, source.trajectoryId));
}
