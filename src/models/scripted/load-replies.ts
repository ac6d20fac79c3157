/**
 * Builds the scripted backend's ReplySource from a ScriptSource. A `file` may
 * be a YAML script or a recorded trajectory (JSONL, JSON, journal): the
 * content decides. Files are read synchronously so a bad script fails at
 * startup (ConfigError, exit 5), not at the first model call.
 */
import type { ScriptSource } from '../options.js';
import type { ReplySource } from './reply-source.js';
import { parseScriptText } from './script-file.js';
import { ScriptReplies } from './script-replies.js';
import { validateScript } from './script-validation.js';
import { readSourceFile } from './source-file.js';
import { looksLikeRecording, parseRecordedTrajectory } from './trajectory-file.js';
import { TrajectoryReplies } from './trajectory-replies.js';

export function loadReplies(source: ScriptSource): ReplySource {
  if ('script' in source)
    return new ScriptReplies(validateScript(source.script, 'inline script'), 'inline script');
  if ('trajectoryFile' in source) {
    const text = readSourceFile(source.trajectoryFile);
    return new TrajectoryReplies(parseRecordedTrajectory(text, source.trajectoryFile, source.trajectoryId));
  }
  const text = readSourceFile(source.file);
  return looksLikeRecording(text)
    ? new TrajectoryReplies(parseRecordedTrajectory(text, source.file))
    : new ScriptReplies(parseScriptText(text, source.file), source.file);
}
