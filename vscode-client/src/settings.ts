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
  assumeFeatures?: boolean;
}

/**
 * Whether the user, the workspace or a folder gave `key` a value (not just the default). The
 * `ftls.*` settings are not language-overridable and are read without a language scope, so the
 * language-specific layers of `inspect` never hold a value that counts.
 */
function isSet(config: FtlsConfig, key: string): boolean {
  const i = config.inspect(key);
  return i !== undefined &&
    (i.globalValue !== undefined || i.workspaceValue !== undefined || i.workspaceFolderValue !== undefined);
}

/**
 * The value of `key` when some settings layer sets it, honouring workspace trust for the
 * RESTRICTED keys; undefined when only the default applies.
 */
function setValue<T>(config: FtlsConfig, key: string, trusted: boolean): T | undefined {
  if (!trusted && (RESTRICTED as readonly string[]).includes(key)) {
    return config.inspect<T>(key)?.globalValue;
  }
  return isSet(config, key) ? config.get<T>(key) : undefined;
}

/**
 * The `ftls` object for the server. It holds only the keys that a settings layer (user,
 * workspace, folder) sets: the server merges it key by key over the project's pyproject.toml
 * `[tool.ftls]` table and its own defaults, so sending package.json's defaults would override the
 * project. Empty strings also mean "not set" (`target`, `compileCommands`, `python`,
 * `minimumPython`) and are left out; an empty list or object that someone set is sent, since it
 * overrides the project on purpose.
 */
export function serverSettings(config: FtlsConfig, trusted: boolean): ServerSettings {
  const out: ServerSettings = {};
  const str = (key: string) => {
    const v = setValue<unknown>(config, key, trusted);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const target = str('target');
  if (target) out.target = target;
  for (const key of ['select', 'ignore', 'includePaths', 'defines'] as const) {
    const v = setValue<string[]>(config, key, trusted);
    if (Array.isArray(v)) out[key] = v;
  }
  const severity = setValue<Record<string, string>>(config, 'severity', trusted);
  if (severity && typeof severity === 'object' && !Array.isArray(severity)) out.severity = { ...severity };
  const cc = str('compileCommands');
  if (cc) out.compileCommands = cc;
  const python = str('python');
  if (python) out.python = python;
  const minimumPython = str('minimumPython');
  if (minimumPython) out.minimumPython = minimumPython;
  const suppressionFixes = setValue<unknown>(config, 'suppressionFixes', trusted);
  if (typeof suppressionFixes === 'boolean') out.suppressionFixes = suppressionFixes;
  const assumeFeatures = setValue<unknown>(config, 'assumeFeatures', trusted);
  if (typeof assumeFeatures === 'boolean') out.assumeFeatures = assumeFeatures;
  return out;
}

export interface LaunchSettings {
  javaHome?: string;
  javaArgs: string[];
  /** ftls.java.shared: attach to the server shared by the user's sessions (the launcher's default). */
  shared: boolean;
}

export function launchSettings(config: FtlsConfig, trusted: boolean): LaunchSettings {
  const home = trustedValue<string>(config, 'java.home', trusted);
  const args = trustedValue<string[]>(config, 'java.args', trusted);
  return {
    javaHome: typeof home === 'string' && home.trim() !== '' ? home.trim() : undefined,
    javaArgs: Array.isArray(args) ? args.filter((a) => typeof a === 'string' && a !== '') : [],
    shared: config.get<unknown>('java.shared') !== false,
  };
}
