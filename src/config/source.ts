/** Where a setting came from; every config error names it so the user knows what to edit. */
export type SettingSource =
  | { kind: 'default' }
  | { kind: 'file'; path: string }
  | { kind: 'env'; variable: string }
  /** A CLI flag or an action input; `name` is what the user typed ("--max-depth", "input max-depth"). */
  | { kind: 'flag'; name: string };

export function describeSource(source: SettingSource): string {
  switch (source.kind) {
    case 'default':
      return 'default';
    case 'file':
      return `config file ${source.path}`;
    case 'env':
      return `environment variable ${source.variable}`;
    case 'flag':
      return source.name.startsWith('-') ? `flag ${source.name}` : source.name;
  }
}
