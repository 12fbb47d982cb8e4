"""ftls, installed from a wheel: the language server and `ftls check` for CPython C extensions.

The wheel carries the ftls jar and a Java runtime made for it with jlink, so the `ftls` command
needs no Java on PATH. Set FTLS_JAVA to a java executable (a path, or a name looked up on PATH
such as "java") to run the jar with that Java instead. The JVM settings are those of the
launcher (ftls/launcher, the repository's ./ftls), which runs the jar on Linux and macOS:
FTLS_JAVA_OPTS replaces them, FTLS_JAVA_ARGS (one per line) adds to them. The class archives
made for the bundled runtime when the wheel was built (ftls/cds/) are adopted by the launcher on
the first run (README "Start-up"). On Windows the jar runs with the JVM's defaults and
FTLS_JAVA_OPTS.
"""

import os
import shlex
import shutil
import subprocess
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(_HERE, "ftls.jar")
LAUNCHER = os.path.join(_HERE, "launcher")


def bundled_java():
    """The java executable of the runtime inside the wheel."""
    return os.path.join(_HERE, "runtime", "bin", "java.exe" if os.name == "nt" else "java")


def bash():
    """bash to run the launcher with (None where there is none, as on Windows)."""
    if os.name == "nt" or not os.path.isfile(LAUNCHER):
        return None
    return shutil.which("bash") or next((b for b in ("/bin/bash", "/usr/bin/bash") if os.path.isfile(b)), None)


def java():
    """The java to run: FTLS_JAVA (a path, or a name looked up on PATH) or the bundled one; None
    when FTLS_JAVA names nothing that can be run."""
    named = os.environ.get("FTLS_JAVA")
    if not named:
        return bundled_java()
    if os.sep in named or (os.altsep and os.altsep in named):
        return named if os.path.isfile(named) and os.access(named, os.X_OK) else None
    return shutil.which(named)


def command(argv, java_path, bash_path):
    """The command line that runs ftls with the given arguments: the launcher where bash runs it
    (with FTLS_JAR and FTLS_JAVA in its environment, see launch_env), else java -jar."""
    if bash_path:
        return [bash_path, LAUNCHER] + list(argv)
    opts = shlex.split(os.environ.get("FTLS_JAVA_OPTS", ""))
    return [java_path] + opts + ["-jar", JAR] + list(argv)


def launch_env(java_path):
    """The launcher's environment: this wheel's jar and the chosen Java; the system folders after
    PATH's own, for the few standard tools the launcher uses."""
    env = dict(os.environ, FTLS_JAR=JAR, FTLS_JAVA=java_path)
    env["PATH"] = os.pathsep.join(p for p in (os.environ.get("PATH", ""), "/usr/bin", "/bin") if p)
    return env


def main():
    java_path = java()
    if java_path is None:
        sys.stderr.write("ftls: cannot run %s: no such program\n" % os.environ.get("FTLS_JAVA"))
        return 2
    if not os.environ.get("FTLS_JAVA") and not os.path.isfile(java_path):
        sys.stderr.write(
            "ftls: the bundled Java runtime is missing (%s); reinstall the wheel, "
            "or set FTLS_JAVA to a Java 17+ executable\n" % java_path)
        return 2
    bash_path = bash()
    cmd = command(sys.argv[1:], java_path, bash_path)
    if os.name == "nt":
        return subprocess.call(cmd)
    try:
        # replace this process: stdin and stdout stay the JVM's own (the server speaks JSON-RPC
        # over them; the launcher ends in exec too) and signals reach it directly
        os.execve(cmd[0], cmd, launch_env(java_path)) if bash_path else os.execv(cmd[0], cmd)
    except OSError as e:
        sys.stderr.write("ftls: cannot run %s: %s\n" % (cmd[0], e))
        return 2
