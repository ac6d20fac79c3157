/**
 * Globs on RLM node ids, whose segments are separated by dots:
 * `*` matches within one segment ("root.*" → "root.1"), `**` any number of
 * whole segments including none ("root.**" → "root", "root.1.3").
 */
export function nodeGlobToRegExp(glob: string): RegExp {
  const segments = glob.split('.');
  if (segments.every((s) => s === '**')) return /^.*$/;
  let pattern = '';
  let needSeparator = false;
  for (const segment of segments) {
    if (segment === '**') {
      // Leading: zero or more "seg." prefixes; later: zero or more ".seg" suffixes.
      pattern += needSeparator ? '(?:\\.[^.]+)*' : '(?:[^.]+\\.)*';
      continue;
    }
    const body = segment
      .split('*')
      .map((part) => part.replace(/[\\^$+?.()|[\]{}]/g, '\\$&'))
      .join('[^.]*');
    pattern += (needSeparator ? '\\.' : '') + body;
    needSeparator = true;
  }
  return new RegExp(`^${pattern}$`);
}
