// Finds a Java 17+ runtime for the server: the ftls.java.home setting, then JAVA_HOME, then PATH.
// No `vscode` import, so the unit tests run it with plain Node.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const MIN_JAVA = 17;

export interface JavaSearch {
  /** ftls.java.home as the user may use it (already filtered for workspace trust). */
  home?: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** What the search needs from the machine; the tests pass fakes. */
export interface JavaProbe {
  isFile(p: string): boolean;
  /** The text `java -version` prints (on stderr), or undefined when it could not run. */
  versionText(java: string): Promise<string | undefined>;
}

export type JavaResult =
  | { ok: true; java: string; version: number; source: string }
  | { ok: false; message: string };

/** The major version in `java -version` output: "1.8.0_292" is 8, "17.0.15" is 17, "25-ea" is 25. */
export function parseJavaVersion(text: string): number | undefined {
  const m = /version "([^"]+)"/.exec(text);
  if (!m) {
    return undefined;
  }
  const parts = m[1].split(/[.\-+_]/);
  const major = Number(parts[0] === '1' ? parts[1] : parts[0]);
  return Number.isInteger(major) ? major : undefined;
}

function exe(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'java.exe' : 'java';
}

function onPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, probe: JavaProbe): string | undefined {
  const value = env.PATH ?? env.Path ?? '';
  const sep = platform === 'win32' ? ';' : ':';
  for (const dir of value.split(sep)) {
    if (dir && probe.isFile(path.join(dir, exe(platform)))) {
      return path.join(dir, exe(platform));
    }
  }
  return undefined;
}

/**
 * The candidates in order. An explicit ftls.java.home is the only candidate: a user who set it
 * wants that Java or an error, not a silent fallback.
 */
function candidates(search: JavaSearch, probe: JavaProbe): { source: string; java?: string; home?: string }[] {
  const platform = search.platform ?? process.platform;
  const home = search.home?.trim();
  if (home) {
    return [{ source: 'the setting ftls.java.home', home, java: path.join(home, 'bin', exe(platform)) }];
  }
  const out: { source: string; java?: string; home?: string }[] = [];
  const javaHome = search.env.JAVA_HOME?.trim();
  if (javaHome) {
    out.push({ source: 'JAVA_HOME', home: javaHome, java: path.join(javaHome, 'bin', exe(platform)) });
  }
  out.push({ source: 'PATH', java: onPath(search.env, platform, probe) });
  return out;
}

export async function findJava(search: JavaSearch, probe: JavaProbe = nodeProbe): Promise<JavaResult> {
  const problems: string[] = [];
  for (const c of candidates(search, probe)) {
    if (!c.java) {
      problems.push(`no java on the ${c.source}`);
      continue;
    }
    if (!probe.isFile(c.java)) {
      problems.push(`${c.source} is ${c.home}, which has no ${path.join('bin', path.basename(c.java))}`);
      continue;
    }
    const text = await probe.versionText(c.java);
    const version = text === undefined ? undefined : parseJavaVersion(text);
    if (version === undefined) {
      problems.push(`${c.java} (from ${c.source}) did not tell its version`);
    } else if (version < MIN_JAVA) {
      problems.push(`${c.java} (from ${c.source}) is Java ${version}`);
    } else {
      return { ok: true, java: c.java, version, source: c.source };
    }
  }
  return {
    ok: false,
    message: `ftls needs Java ${MIN_JAVA} or newer to run its server, and found none: ${problems.join('; ')}. ` +
      'Set ftls.java.home to a Java installation folder (or set JAVA_HOME), then restart the server.',
  };
}

export const nodeProbe: JavaProbe = {
  isFile(p: string): boolean {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  },
  versionText(java: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      execFile(java, ['-version'], { timeout: 15000, windowsHide: true }, (err, stdout, stderr) => {
        const text = `${stderr}${stdout}`;
        resolve(err && !text ? undefined : text);
      });
    });
  },
};
