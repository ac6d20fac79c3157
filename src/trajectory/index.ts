export * from './types.js';
export { Redactor, REDACTED, MIN_SECRET_LENGTH } from './redactor.js';
export { summarize, roundUsd, type TrajectoryTotals, type UsageLike } from './summary.js';
export { assembleTrajectory } from './assemble.js';
export { trajectorySchema, schemaFileText, writeSchemaFile, SCHEMA_FILE } from './schema.js';
export { validateTrajectory, type ValidationResult } from './validate.js';
export {
  TrajectoryWriter,
  type TrajectoryFormat,
  type TrajectoryWritePhase,
  type TrajectoryWriterOptions,
  type TrajectoryWriteResult,
} from './writer.js';
export {
  readTrajectories,
  findTrajectory,
  readTrajectory,
  readTrajectoryFile,
  upgradeTrajectory,
  UNFINISHED_RUN_ERROR,
  RUN_IN_PROGRESS_ERROR,
  type ReadOptions,
} from './reader.js';
export { JOURNAL_DIR, fileTimestamp, journalPathFor } from './journal.js';
export { loadOutputImages, outputsDirFor, readOutputFile, OUTPUTS_SUBDIR } from './output-files.js';
export { mediaTypeOf } from './media-type.js';
export * from './render/index.js';
