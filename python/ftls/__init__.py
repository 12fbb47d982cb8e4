"""ftls, installed from a wheel: the language server and `ftls check` for CPython C extensions.

The wheel carries the ftls jar and a Java runtime made for it with jlink, so the `ftls` command
needs no Java on PATH. Set FTLS_JAVA to a java executable (a path, or a name looked up on PATH
such as "java") to run the jar with that Java instead; FTLS_JAVA_OPTS adds JVM options.
"""

import os
import shlex
import subprocess
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(_HERE, "ftls.jar")


def bundled_java():
    """The java executable of the runtime inside the wheel."""
    return os.path.join(_HERE, "runtime", "bin", "java.exe" if os.name == "nt" else "java")


def command(argv):
    """The command line that runs ftls with the given arguments."""
    java = os.environ.get("FTLS_JAVA") or bundled_java()
    opts = shlex.split(os.environ.get("FTLS_JAVA_OPTS", ""))
    return [java] + opts + ["-jar", JAR] + list(argv)


def main():
    cmd = command(sys.argv[1:])
    java = cmd[0]
    if not os.environ.get("FTLS_JAVA") and not os.path.isfile(java):
        sys.stderr.write(
            "ftls: the bundled Java runtime is missing (%s); reinstall the wheel, "
            "or set FTLS_JAVA to a Java 17+ executable\n" % java)
        return 2
    if os.name == "nt":
        return subprocess.call(cmd)
    try:
        # replace this process: stdin and stdout stay the JVM's own (the server speaks JSON-RPC
        # over them) and signals reach it directly
        os.execvp(java, cmd)
    except OSError as e:
        sys.stderr.write("ftls: cannot run %s: %s\n" % (java, e))
        return 2
