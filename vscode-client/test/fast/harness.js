// Loads the compiled extension (out/) against the mocked `vscode` module and the real server jar.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const client = path.resolve(__dirname, '..', '..');
const repo = path.resolve(client, '..');
const mockPath = path.join(__dirname, 'vscode-mock.js');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? mockPath : resolve.call(this, request, ...rest);
};
const vscode = require('vscode');
const { state, MockTextDocument, RESTRICTED } = vscode.mock;

const jar = process.env.FTLS_JAR || path.join(repo, 'server', 'target', 'ftls.jar');
if (!fs.existsSync(jar)) {
  throw new Error(`${jar} is missing: build it with mvn -q -B -pl server package -DskipTests`);
}

// The defaults VS Code would take from package.json, and the restricted settings it declares.
const manifest = require(path.join(client, 'package.json'));
for (const [key, spec] of Object.entries(manifest.contributes.configuration.properties)) {
  state.defaults[key] = spec.default;
}
for (const key of manifest.capabilities.untrustedWorkspaces.restrictedConfigurations) RESTRICTED.add(key);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ftls-vscode-fast-'));
// ftls's shared server may still write its log in the cache folder below while this goes (it ends
// once its socket is removed): retry a folder that is not empty yet, and never fail the run for it
process.on('exit', () => {
  try {
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  } catch (e) {
    process.stderr.write(`could not remove ${tmp}: ${e.message}\n`);
  }
});
// the launcher's class cache goes here, not into the user's cache folder
process.env.FTLS_CACHE_DIR = path.join(tmp, 'cache');

/** An installed extension folder: the compiled code plus server/ftls.jar (a link to the real jar). */
function extensionContext() {
  const dir = path.join(tmp, 'extension');
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(path.join(dir, 'server'), { recursive: true });
    fs.symlinkSync(jar, path.join(dir, 'server', 'ftls.jar'));
    fs.copyFileSync(path.join(repo, 'ftls'), path.join(dir, 'server', 'ftls'));
  }
  return {
    subscriptions: [],
    extensionPath: dir,
    extensionUri: vscode.Uri.file(dir),
    asAbsolutePath: (p) => path.join(dir, p),
    globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    logUri: vscode.Uri.file(path.join(dir, 'log')),
    extensionMode: 3,
  };
}

/** A fresh copy of test-workspaces/demo as the workspace folder. */
function demoWorkspace() {
  const ws = fs.mkdtempSync(path.join(tmp, 'ws-'));
  fs.cpSync(path.join(repo, 'test-workspaces', 'demo'), ws, { recursive: true });
  state.workspaceFolders = [{ uri: vscode.Uri.file(ws), name: 'demo', index: 0 }];
  return ws;
}

let activeContext;
async function activate() {
  const ext = require(path.join(client, 'out', 'extension.js'));
  activeContext = extensionContext();
  const server = await ext.activate(activeContext);
  return { ext, server, context: activeContext };
}

async function deactivate(ext) {
  await ext.deactivate();
  for (const d of activeContext.subscriptions.splice(0)) d.dispose();
}

function openDocument(file, languageId = 'c') {
  const doc = new MockTextDocument(vscode.Uri.file(file), languageId, fs.readFileSync(file, 'utf8'));
  state.textDocuments.push(doc);
  state.events.open.fire(doc);
  return doc;
}

function closeDocument(doc) {
  state.textDocuments.splice(state.textDocuments.indexOf(doc), 1);
  doc.isClosed = true;
  state.events.close.fire(doc);
}

/** Replaces the document's text with `text` (one full-range change), as typing would. */
function editDocument(doc, text) {
  const range = new vscode.Range(new vscode.Position(0, 0), doc.positionAt(doc.getText().length));
  const change = { range, rangeOffset: 0, rangeLength: doc.getText().length, text };
  doc._text = text;
  doc.version += 1;
  state.events.change.fire({ document: doc, contentChanges: [change], reason: undefined });
}

/** The text of `doc` after a WorkspaceEdit's text edits for it (applied last edit first). */
function editedText(doc, edit) {
  const edits = edit.get(doc.uri).slice().sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let text = doc.getText();
  for (const e of edits) {
    text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  }
  return text;
}

/** Applies a WorkspaceEdit's text edits for `doc` and sends the change. */
function applyEdit(doc, edit) {
  const text = editedText(doc, edit);
  editDocument(doc, text);
  return text;
}

function diagnostics(doc) {
  return vscode.languages.getDiagnostics(doc.uri);
}

const codeOf = (d) => (typeof d.code === 'object' ? d.code.value : d.code);
const codes = (doc) => diagnostics(doc).map(codeOf).sort();

async function waitFor(what, predicate, timeoutMs = 30000) {
  const t0 = Date.now();
  for (;;) {
    const v = await predicate();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Fires onDidChangeConfiguration for the given keys, as VS Code does after a settings edit. */
function configurationChanged(...keys) {
  return Promise.all(state.events.config.fire({
    affectsConfiguration: (section) => keys.some((k) => k === section || k.startsWith(section + '.')),
  }));
}

function lineOf(doc, needle) {
  const i = doc.getText().split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle}`);
  return i;
}

/** The installed extension's folder (server/ftls.jar and the launcher server/ftls are in it). */
function extensionDir() {
  return path.join(tmp, 'extension');
}

module.exports = {
  vscode, state, RESTRICTED, jar, repo, extensionDir, activate, deactivate, demoWorkspace, openDocument, closeDocument,
  editDocument, editedText, applyEdit, diagnostics, codes, codeOf, waitFor, configurationChanged, lineOf,
};
