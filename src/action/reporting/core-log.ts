/** ActionLog on @actions/core: plain lines, warnings as annotations, folded groups. */
import * as core from '@actions/core';
import type { ActionLog } from './progress.js';

export const coreLog: ActionLog = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  folded: (title, body) => {
    core.startGroup(title);
    core.info(body);
    core.endGroup();
  },
  group: (title, fn) => core.group(title, fn),
};
