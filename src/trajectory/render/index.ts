export {
  costTable,
  renderCostTableMarkdown,
  renderCostTableText,
  TOTAL_ROW_LABEL,
  type CostTable,
  type CostTableRow,
} from './cost-table.js';
export { callTree, callErrors, describeCall, renderCallTreeText, type CallTreeNode } from './call-tree.js';
export { renderTrajectoryMarkdown, DEFAULT_MAX_CHARS_PER_FIELD, type MarkdownOptions } from './markdown.js';
export { renderTrajectoryHtml, DEFAULT_HTML_MAX_CHARS_PER_FIELD, type HtmlOptions } from './html.js';
export { renderTrajectoryListText, trajectoryStatus } from './list.js';
export { formatUsd, formatDuration, formatCount, UNKNOWN_COST } from './format.js';
export {
  formatBytes,
  MAX_INLINE_IMAGE_BYTES,
  renderOutputsHtml,
  renderOutputsMarkdown,
  renderOutputsText,
} from './outputs.js';
export {
  renderCallTreeMermaid,
  callTreeMermaidBlock,
  escapeMermaidLabel,
  DEFAULT_MERMAID_NODES,
  type MermaidOptions,
} from './mermaid.js';
