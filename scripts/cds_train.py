#!/usr/bin/env python3
"""Drives one language-server session that loads the classes an editor's session loads, for the
class archive scripts/make-cds.sh ships: initialize, open a file, wait for its diagnostics, hover
over each finding, ask for the code actions at each and resolve them, make edits and wait for
their diagnostics, save, close, shutdown and exit (the JVM writes its archive at exit).

usage: cds_train.py FILE -- COMMAND...   (COMMAND starts `ftls serve`; standard library only)
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_compare import LspServer, edit_line  # noqa: E402  (the benchmark's LSP client)


def main():
    if "--" not in sys.argv[1:]:
        raise SystemExit(__doc__)
    split = sys.argv.index("--")
    path = Path(sys.argv[1]).resolve()
    argv = sys.argv[split + 1:]
    text = path.read_text(encoding="utf-8")
    uri = path.as_uri()
    log = Path("/dev/null")
    server = LspServer(argv, str(path.parent), log)
    try:
        def diagnostics(version):
            return lambda _, m: (m.get("method") == "textDocument/publishDiagnostics"
                                 and m["params"]["uri"] == uri and m["params"].get("version") == version)

        folder = path.parent.as_uri()
        server.response(server.request("initialize", {
            "processId": None, "rootUri": folder,
            "workspaceFolders": [{"uri": folder, "name": path.parent.name}],
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
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "c", "version": 1, "text": text}})
        _, message = server.wait(diagnostics(1), 300)
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
            server.wait(diagnostics(version), 120)
        server.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    finally:
        server.close()  # shutdown, exit
    return 0 if server.proc.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
