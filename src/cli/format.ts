/** Number and money formatting shared by progress lines and the cost table. */

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** Dollars with enough digits for cheap calls; null means the price is unknown, never zero. */
export function formatUsd(value: number | null): string {
  if (value === null) return 'unknown';
  if (value === 0) return '$0.00';
  return value < 0.01 ? `$${value.toFixed(6)}` : `$${value.toFixed(4)}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
