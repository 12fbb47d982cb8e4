// Maps the VS Code settings under `ftls.` to what the server and the launcher need.
// The server gets one `ftls` object with the same names as in every other client.

/** The part of vscode.WorkspaceConfiguration (for section 'ftls') used here. */
export interface FtlsConfig {
  get<T>(key: string): T | undefined;
  inspect<T>(key: string):
    | { defaultValue?: T; globalValue?: T; workspaceValue?: T; workspaceFolderValue?: T }
    | undefined;
}

/** Settings that name a program to run: a workspace value counts only in a trusted workspace. */
export const RESTRICTED = ['java.home', 'java.args', 'python'] as const;

/**
 * The value of `key`. In an untrusted workspace only the user's own (global) value or the
 * default counts, whatever the workspace or folder settings say.
 */
export function trustedValue<T>(config: FtlsConfig, key: string, trusted: boolean): T | undefined {
  if (trusted) {
    return config.get<T>(key);
  }
  const i = config.inspect<T>(key);
  return i?.globalValue ?? i?.defaultValue;
}

export interface ServerSettings {
  target?: string;
  select?: string[];
  ignore?: string[];
  severity?: Record<string, string>;
  includePaths?: string[];
  defines?: string[];
  compileCommands?: string;
  python?: string;
  minimumPython?: string;
  suppressionFixes?: boolean;
}

/** Whether the user, the workspace or a folder gave `key` a value (not just the default). */
function isSet(config: FtlsConfig, key: string): boolean {
  const i = config.inspect(key);
  return i !== undefined &&
    (i.globalValue !== undefined || i.workspaceValue !== undefined || i.workspaceFolderValue !== undefined);
}

/**
 * The `ftls` object for the server; empty strings mean "the server's default" and are left out.
 * So are an empty `minimumPython` (the server then takes it from `requires-python` in
 * pyproject.toml) and a `suppressionFixes` nobody set (so that pyproject.toml can set it).
 */
export function serverSettings(config: FtlsConfig, trusted: boolean): ServerSettings {
  const out: ServerSettings = {};
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const target = str(config.get('target'));
  if (target) out.target = target;
  for (const key of ['select', 'ignore', 'includePaths', 'defines'] as const) {
    const v = config.get<string[]>(key);
    if (Array.isArray(v)) out[key] = v;
  }
  const severity = config.get<Record<string, string>>('severity');
  if (severity && typeof severity === 'object') out.severity = { ...severity };
  const cc = str(config.get('compileCommands'));
  if (cc) out.compileCommands = cc;
  const python = str(trustedValue(config, 'python', trusted));
  if (python) out.python = python;
  const minimumPython = str(config.get('minimumPython'));
  if (minimumPython) out.minimumPython = minimumPython;
  const suppressionFixes = config.get('suppressionFixes');
  if (typeof suppressionFixes === 'boolean' && isSet(config, 'suppressionFixes')) out.suppressionFixes = suppressionFixes;
  return out;
}

export interface LaunchSettings {
  javaHome?: string;
  javaArgs: string[];
}

export function launchSettings(config: FtlsConfig, trusted: boolean): LaunchSettings {
  const home = trustedValue<string>(config, 'java.home', trusted);
  const args = trustedValue<string[]>(config, 'java.args', trusted);
  return {
    javaHome: typeof home === 'string' && home.trim() !== '' ? home.trim() : undefined,
    javaArgs: Array.isArray(args) ? args.filter((a) => typeof a === 'string' && a !== '') : [],
  };
}
