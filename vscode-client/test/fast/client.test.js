// The extension's client logic (out/extension.js, vscode-languageclient 11) against the real ftls
// jar, with a mocked `vscode` module. Each test needs the ones before it: they share one session.
'use strict';
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { test, before, after } = require('node:test');
const h = require('./harness');
const { vscode, state } = h;

let ext;
let server;
let doc;
let ws;

before(async () => {
  ws = h.demoWorkspace();
  ({ ext, server } = await h.activate());
});

after(async () => {
  if (ext) await h.deactivate(ext);
});

test('activation starts the server with no error', () => {
  assert.deepEqual(state.errors, []);
  assert.ok(state.commands.has('ftls.restartServer') && state.commands.has('ftls.showOutput') && state.commands.has('ftls.explainRule')
    && state.commands.has('ftls.showFileSettings'));
  const log = state.channels.find((c) => c.name === 'ftls').lines.join('\n');
  assert.match(log, /Java \d+ from /);
  assert.match(log, /Starting the server with the launcher .*server\/ftls/);
});

/** The command lines of the running processes (Linux: reads /proc). */
function commandLines() {
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map((p) => {
    try {
      return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
    } catch {
      return [];
    }
  });
}

test('the server runs with the launcher\'s JVM settings, shared by the sessions (Linux: reads /proc)', () => {
  // the shared server serving this session: its command line names the extension's jar, `daemon`
  // and a socket in this session's cache folder (README "The shared server")
  const jar = path.join(h.extensionDir(), 'server', 'ftls.jar');
  const server = commandLines().find((argv) => argv.includes(jar) && argv.includes('daemon')
    && !argv.includes('dev.ftls.lsp.Attach') && /java$/.test(argv[0]));
  assert.ok(server, `a shared java server of ${jar}`);
  assert.ok(server.includes('-XX:TieredStopAtLevel=1') && server.some((a) => a.startsWith('-Xmx')), server.join(' '));
  const socket = server[server.indexOf('--socket') + 1];
  assert.ok(socket.startsWith(path.join(process.env.FTLS_CACHE_DIR, 'shared') + path.sep), socket);
});

test('diagnostics FT001 and FT101 arrive for spam.c', async () => {
  doc = h.openDocument(path.join(ws, 'spam.c'));
  await h.waitFor('FT001 and FT101', () => h.codes(doc).join() === 'FT001,FT101');
  const byCode = Object.fromEntries(h.diagnostics(doc).map((d) => [h.codeOf(d), d]));
  assert.equal(byCode.FT001.source, 'ftls');
  assert.equal(byCode.FT001.range.start.line, h.lineOf(doc, 'PyInit_spam(void)'));
  assert.equal(byCode.FT101.range.start.line, h.lineOf(doc, 'PyList_GetItem'));
  assert.equal(byCode.FT101.severity, vscode.DiagnosticSeverity.Warning);
  assert.match(byCode.FT101.code.target.toString(), /FT101/, 'the code links to the rule docs');
});

test('hover on PyList_GetItem explains the borrowed reference', async () => {
  const line = h.lineOf(doc, 'PyList_GetItem');
  const pos = new vscode.Position(line, doc.getText().split('\n')[line].indexOf('PyList_GetItem') + 3);
  assert.equal(state.hoverProviders.length, 1, 'one hover provider registered');
  const hover = await state.hoverProviders[0].provider.provideHover(doc, pos, new vscode.CancellationTokenSource().token);
  const text = hover.contents.map((c) => c.value ?? c).join('\n');
  assert.match(text, /Returns a \*\*borrowed\*\* reference/);
  assert.match(text, /Free-threaded build/);
  assert.match(text, /PyList_GetItemRef/);
});

test('the FT001 quick fix (unsafe, so not preferred) inserts PyUnstable_Module_SetGIL and the diagnostic goes away', async () => {
  const ft001 = h.diagnostics(doc).find((d) => h.codeOf(d) === 'FT001');
  const provider = state.codeActionProviders[0].provider;
  const actions = await provider.provideCodeActions(doc, ft001.range,
    { diagnostics: [ft001], triggerKind: 1, only: undefined }, new vscode.CancellationTokenSource().token);
  const offered = actions.find((a) => a.kind && a.kind.value === 'quickfix' && /^Declare that this module runs without the GIL/.test(a.title));
  assert.ok(offered, `the declaration fix among ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(!offered.isPreferred, 'a claim about the whole module is never the preferred fix');
  // the client resolves code actions (LSP 3.16): the edit is computed when the action is picked
  assert.equal(offered.edit, undefined, 'the fix arrives without its edit');
  const fix = await picked(offered);
  const text = h.applyEdit(doc, fix.edit);
  assert.match(text, /PyUnstable_Module_SetGIL\(m, Py_MOD_GIL_NOT_USED\);/);
  await h.waitFor('FT001 to disappear', () => h.codes(doc).join() === 'FT101');
});

test('settings reach the server: ignore FT101, then FT101 as an error', async () => {
  state.workspace['ftls.ignore'] = ['FT101'];
  await h.configurationChanged('ftls.ignore');
  await h.waitFor('FT101 to be ignored', () => h.codes(doc).length === 0);
  delete state.workspace['ftls.ignore'];
  state.workspace['ftls.severity'] = { FT101: 'error' };
  await h.configurationChanged('ftls.severity');
  await h.waitFor('FT101 as an error', () => h.diagnostics(doc).some((d) => h.codeOf(d) === 'FT101' && d.severity === vscode.DiagnosticSeverity.Error));
  delete state.workspace['ftls.severity'];
  await h.configurationChanged('ftls.severity');
  await h.waitFor('FT101 back to a warning', () => h.diagnostics(doc).some((d) => h.codeOf(d) === 'FT101' && d.severity === vscode.DiagnosticSeverity.Warning));
});

test('settings present at start reach the server (ignore FT1 before a restart)', async () => {
  h.editDocument(doc, fs.readFileSync(path.join(ws, 'spam.c'), 'utf8'));
  await h.waitFor('both findings again', () => h.codes(doc).join() === 'FT001,FT101');
  state.user['ftls.ignore'] = ['FT1'];
  await vscode.commands.executeCommand('ftls.restartServer');
  await h.waitFor('only FT001 after the restart', () => h.codes(doc).join() === 'FT001');
  delete state.user['ftls.ignore'];
  await h.configurationChanged('ftls.ignore');
  await h.waitFor('both findings again', () => h.codes(doc).join() === 'FT001,FT101');
});

/**
 * The code actions the extension's provider returns for diagnostic `d` of `document`, each as VS
 * Code applies it when picked (resolved first when it came without its edit).
 */
async function actionsFor(document, d) {
  const provider = state.codeActionProviders[0].provider;
  const actions = await provider.provideCodeActions(document, d.range, { diagnostics: [d], triggerKind: 1, only: undefined },
    new vscode.CancellationTokenSource().token);
  return Promise.all(actions.map(picked));
}

/** An action as VS Code applies it when picked: resolved through the provider when it has no edit. */
async function picked(action) {
  const provider = state.codeActionProviders[0].provider;
  if (action.edit || !provider.resolveCodeAction) {
    return action;
  }
  return (await provider.resolveCodeAction(action, new vscode.CancellationTokenSource().token)) || action;
}

const IGNORE_FT101 = /^Ignore FT101 on this line/;

test('ftls.java.shared false: the restarted session runs a server of its own', async () => {
  const jar = path.join(h.extensionDir(), 'server', 'ftls.jar');
  const own = () => commandLines().filter((argv) => argv.includes(jar) && argv.includes('serve')
    && !argv.includes('dev.ftls.lsp.Attach') && /java$/.test(argv[0]));
  assert.equal(own().length, 0, 'while shared, no server of its own');
  state.user['ftls.java.shared'] = false;
  await h.configurationChanged('ftls.java.shared');
  await h.waitFor('a java process of its own', () => own().length === 1);
  // and it serves the session: a change of settings reaches it
  state.user['ftls.ignore'] = ['FT1'];
  await h.configurationChanged('ftls.ignore');
  await h.waitFor('only FT001 with FT1 ignored', () => h.codes(doc).join() === 'FT001');
  delete state.user['ftls.ignore'];
  await h.configurationChanged('ftls.ignore');
  await h.waitFor('both findings', () => h.codes(doc).join() === 'FT001,FT101');
  assert.equal(own().length, 1);
  delete state.user['ftls.java.shared'];
  await h.configurationChanged('ftls.java.shared');
  await h.waitFor('both findings again', () => h.codes(doc).join() === 'FT001,FT101');
  await h.waitFor('the server of its own gone', () => own().length === 0);
});

test('ftls.suppressionFixes reaches the server: "Ignore FT101 on this line" only when it is on', async () => {
  const ft101 = () => h.diagnostics(doc).find((d) => h.codeOf(d) === 'FT101');
  const titles = async () => (await actionsFor(doc, ft101())).map((a) => a.title);
  const off = await titles();
  assert.ok(off.length > 0, 'FT101 has a fix of its own');
  assert.ok(!off.some((t) => IGNORE_FT101.test(t)), `off by default, but offered: ${off.join(' | ')}`);

  // At start (initializationOptions and workspace/configuration): a user setting, then a restart.
  state.user['ftls.suppressionFixes'] = true;
  await vscode.commands.executeCommand('ftls.restartServer');
  await h.waitFor('FT101 from the restarted server', () => ft101());
  const on = await titles();
  assert.ok(on.some((t) => IGNORE_FT101.test(t)), `offered once on: ${on.join(' | ')}`);

  // A change while it runs (didChangeConfiguration): a workspace false beats the user's true.
  state.workspace['ftls.suppressionFixes'] = false;
  await h.configurationChanged('ftls.suppressionFixes');
  const offAgain = await titles();
  assert.ok(!offAgain.some((t) => IGNORE_FT101.test(t)), `workspace false, but offered: ${offAgain.join(' | ')}`);
  delete state.workspace['ftls.suppressionFixes'];
  await h.configurationChanged('ftls.suppressionFixes');

  // Applying it writes the comment above the line, and the server no longer reports FT101.
  const ignore = (await actionsFor(doc, ft101())).find((a) => IGNORE_FT101.test(a.title));
  assert.ok(ignore, 'offered again once the workspace value is gone');
  assert.equal(ignore.isPreferred, false, 'never the preferred fix');
  const text = h.applyEdit(doc, ignore.edit);
  assert.match(text, /\n    \/\/ ftls: ignore\[FT101\] TODO: say why this is safe\n    PyObject \*item = PyList_GetItem\(/);
  await h.waitFor('FT101 to be silenced', () => h.codes(doc).join() === 'FT001');

  delete state.user['ftls.suppressionFixes'];
  await h.configurationChanged('ftls.suppressionFixes');
  h.editDocument(doc, fs.readFileSync(path.join(ws, 'spam.c'), 'utf8'));
  await h.waitFor('both findings again', () => h.codes(doc).join() === 'FT001,FT101');
});

test('ftls.minimumPython reaches the server: the FT602 fix brings a definition for 3.9 and none for 3.14', async () => {
  // uniqueness.c in a folder of its own, with a pyproject.toml that says requires-python >= 3.14.
  const dir = path.join(ws, 'py314');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "u"\nrequires-python = ">=3.14"\n');
  fs.copyFileSync(path.join(h.repo, 'test-workspaces', 'rules', 'FT602', 'uniqueness.c'), path.join(dir, 'uniqueness.c'));
  const u = h.openDocument(path.join(dir, 'uniqueness.c'));
  const line = h.lineOf(u, 'Py_REFCNT(acc) == 1');
  const ft602 = () => h.diagnostics(u).find((d) => h.codeOf(d) === 'FT602' && d.range.start.line === line);
  await h.waitFor('FT602 on the Py_REFCNT(acc) line', () => ft602());
  /** The text after the FT602 fix that brings in PyUnstable_Object_IsUniquelyReferenced. */
  const fixed = async () => {
    const actions = await actionsFor(u, ft602());
    const fix = actions.find((a) => a.edit && a.edit.get(u.uri).some((e) => e.newText.includes('PyUnstable_Object_IsUniquelyReferenced(acc)')));
    assert.ok(fix, `a fix with PyUnstable_Object_IsUniquelyReferenced among ${actions.map((a) => a.title).join(' | ')}`);
    return h.editedText(u, fix.edit);
  };
  // for older Pythons: one definition after the includes, and the plain call at the site
  // (3.14's own test on the free-threaded 3.13, the count test with the GIL)
  const shim = /#if PY_VERSION_HEX < 0x030E0000\n.*\n#\s*ifdef Py_GIL_DISABLED\n#\s*define PyUnstable_Object_IsUniquelyReferenced\(op\)[^\n]*\n[^#]*_Py_IsOwnedByCurrentThread\(op\)[^#]*#\s*else\n#\s*define PyUnstable_Object_IsUniquelyReferenced\(op\) \(Py_REFCNT\(op\) == 1\)\n#\s*endif\n#endif/;
  const guarded = { test: (t) => shim.test(t) && /\n\s*if \(PyUnstable_Object_IsUniquelyReferenced\(acc\)\) \{/.test(t) };
  const plain = (t) => /\n\s*if \(PyUnstable_Object_IsUniquelyReferenced\(acc\)\) \{/.test(t) && !/PY_VERSION_HEX/.test(t);
  /**
   * Sets (or with undefined clears) the workspace's ftls.minimumPython and waits until the fix
   * reads as `want` says: the fixes come from the analysis the new settings start.
   */
  const expectFix = async (value, what, want) => {
    if (value === undefined) delete state.workspace['ftls.minimumPython'];
    else state.workspace['ftls.minimumPython'] = value;
    await h.configurationChanged('ftls.minimumPython');
    let last = '';
    try {
      await h.waitFor(what, async () => want((last = await fixed())), 20000);
    } catch (e) {
      throw new Error(`${e.message}; the fix gives:\n${last}`);
    }
  };
  // Unset: requires-python >= 3.14 from the pyproject.toml counts, so no guard.
  await expectFix(undefined, 'no guard with requires-python >= 3.14', plain);
  await expectFix('3.9', 'a definition for Pythons before 3.14 with minimumPython 3.9', (t) => guarded.test(t));
  await expectFix('3.14', 'no guard with minimumPython 3.14', plain);
  await expectFix('3.9', 'the definition again with 3.9, over requires-python', (t) => guarded.test(t));
  await expectFix(undefined, 'no guard once minimumPython is empty again (requires-python)', plain);
  h.closeDocument(u);
});

test('ftls.explainRule shows the docs of the rule under the cursor, or of a given id', async () => {
  const line = h.lineOf(doc, 'PyList_GetItem');
  const at = new vscode.Position(line, doc.getText().split('\n')[line].indexOf('PyList_GetItem') + 1);
  state.activeTextEditor = { document: doc, selection: new vscode.Selection(at, at) };
  const fromCursor = await vscode.commands.executeCommand('ftls.explainRule');
  assert.equal(fromCursor.languageId, 'markdown');
  assert.match(fromCursor.getText(), /^# FT101 borrowed-reference-from-shared-container/);
  assert.ok(state.executed.some(([c, uri]) => c === 'markdown.showPreview' && uri === fromCursor.uri), 'opens the Markdown preview');
  state.activeTextEditor = undefined;
  const given = await vscode.commands.executeCommand('ftls.explainRule', 'ft001');
  assert.match(given.getText(), /^# FT001 /);
});

test('ftls.explainRule asks for an id, and reports an unknown one', async () => {
  state.inputBoxValue = 'FT999';
  const r = await vscode.commands.executeCommand('ftls.explainRule');
  assert.equal(r, undefined);
  assert.equal(state.inputBoxOptions.validateInput('FT1'), 'A rule id looks like FT101');
  assert.equal(state.inputBoxOptions.validateInput('FT101'), undefined);
  assert.match(state.errors.pop()[0], /no rule 'FT999'/);
});

test('ftls.showFileSettings ("ftls: Show Settings") shows what the active file is analyzed with', async () => {
  state.activeTextEditor = { document: doc, selection: new vscode.Selection(new vscode.Position(0, 0), new vscode.Position(0, 0)) };
  const report = await vscode.commands.executeCommand('ftls.showFileSettings');
  state.activeTextEditor = undefined;
  assert.ok(report, `no report; errors: ${JSON.stringify(state.errors)}`);
  assert.match(report.getText(), /^spam\.c \(C\)\n/);
  assert.match(report.getText(), /\nrules that run: FT001, /);
  assert.equal(state.shown[state.shown.length - 1], report, 'the report is shown');
});

test('ftls.showOutput shows the ftls output channel', async () => {
  const ch = state.channels.find((c) => c.name === 'ftls');
  const before = ch.shown || 0;
  await vscode.commands.executeCommand('ftls.showOutput');
  assert.equal(ch.shown, before + 1);
});

test('no Java: a clear error whose button opens the settings', async () => {
  state.user['ftls.java.home'] = path.join(ws, 'no-such-jdk');
  state.errorChoice = 'Open Settings';
  await h.configurationChanged('ftls.java.home');
  const [msg, button] = state.errors.pop();
  assert.match(msg, /ftls needs Java 17 or newer/);
  assert.match(msg, /no-such-jdk/);
  assert.equal(button, 'Open Settings');
  await h.waitFor('the settings to open', () => state.executed.some(([c, q]) => c === 'workbench.action.openSettings' && q === 'ftls.java'));
  state.errorChoice = undefined;
});

test('an untrusted workspace cannot choose the Java: its ftls.java.home is ignored', async () => {
  delete state.user['ftls.java.home'];
  h.RESTRICTED.clear(); // as if VS Code passed workspace values through: the extension must still drop them
  state.workspace['ftls.java.home'] = path.join(ws, 'no-such-jdk');
  state.isTrusted = false;
  h.editDocument(doc, doc.getText() + '\n');
  await vscode.commands.executeCommand('ftls.restartServer');
  assert.deepEqual(state.errors, []);
  await h.waitFor('diagnostics from the restarted server', () => h.codes(doc).join() === 'FT001,FT101');
  // Trusting the workspace brings its (broken) setting into force.
  state.isTrusted = true;
  await Promise.all(state.events.trust.fire());
  assert.match((state.errors.pop() || [''])[0], /no-such-jdk/);
  delete state.workspace['ftls.java.home'];
  await vscode.commands.executeCommand('ftls.restartServer');
  assert.deepEqual(state.errors, []);
});
