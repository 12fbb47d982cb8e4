#!/usr/bin/env python3
"""Drives one language-server session that loads the classes an editor's session loads, for the
class archive scripts/make-cds.sh ships: initialize, open each file (C, C++), wait for its
diagnostics, hover over each finding, ask for the code actions at each and resolve them, make edits
and wait for their diagnostics, save, close, shutdown and exit (the JVM writes its archive at exit).

usage: cds_train.py FILE... -- COMMAND...   (COMMAND starts `ftls serve` in the first file's
folder, the workspace; standard library only)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_compare import LspServer, edit_line  # noqa: E402  (the benchmark's LSP client)


def diagnostics(uri, version):
    return lambda _, m: (m.get("method") == "textDocument/publishDiagnostics"
                         and m["params"]["uri"] == uri and m["params"].get("version") == version)


def session(server, path):
    """Open, hover and fix each finding, two edits, save and close one file."""
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    language = "cpp" if path.suffix in (".cc", ".cpp", ".cxx") else "c"
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": language, "version": 1, "text": text}})
    _, message = server.wait(diagnostics(uri, 1), 300)
    found = message["params"]["diagnostics"]
    if not found:
        raise SystemExit("cds_train.py: %s has no findings to hover and fix" % path)
    for d in found:
        doc = {"uri": uri}
        server.response(server.request("textDocument/hover", {
            "textDocument": doc, "position": d["range"]["start"]}), 60)
        _, reply = server.response(server.request("textDocument/codeAction", {
            "textDocument": doc, "range": d["range"], "context": {"diagnostics": [d]}}), 60)
        for action in reply.get("result") or []:
            if "edit" not in action and "data" in action:
                server.response(server.request("codeAction/resolve", action), 60)
    line = edit_line(text)
    for version, change in ((2, " "), (3, "")):
        end = 0 if change else 1
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                      "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                                    "end": {"line": line, "character": end}},
                                          "text": change}]})
        server.wait(diagnostics(uri, version), 120)
    server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})


def main():
    if "--" not in sys.argv[1:]:
        raise SystemExit(__doc__)
    split = sys.argv.index("--")
    paths = [Path(p).resolve() for p in sys.argv[1:split]]
    argv = sys.argv[split + 1:]
    folder = paths[0].parent
    server = LspServer(argv, str(folder), Path("/dev/null"))
    try:
        server.response(server.request("initialize", {
            "processId": None, "rootUri": folder.as_uri(),
            "workspaceFolders": [{"uri": folder.as_uri(), "name": folder.name}],
            "capabilities": {
                "textDocument": {
                    "publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "codeAction": {"resolveSupport": {"properties": ["edit"]},
                                   "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
                },
                "workspace": {"configuration": True, "workspaceFolders": True},
            }}), 120)
        server.notify("initialized", {})
        for path in paths:
            session(server, path)
    finally:
        server.close()  # shutdown, exit
    return 0 if server.proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
