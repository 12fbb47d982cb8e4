// The project's pyproject.toml [tool.ftls] table against the VS Code settings, with the compiled
// extension, a mocked `vscode` module and the real ftls jar. The server merges key by key: a
// setting that nobody set must not reach it, or it would hide the project's value. Each test
// needs the ones before it: they share one session.
'use strict';
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { test, before, after } = require('node:test');
const h = require('./harness');
const { vscode, state } = h;

let ext;
let doc;

// On 3.12 (no free-threaded build) FT001 is not reported, and FT101 says that its fix needs 3.13.
const PYPROJECT = '[project]\nname = "spam"\n\n[tool.ftls]\ntarget = "3.12"\nignore = ["FT101"]\n';
const ON_312 = /target is 3\.12/;

/** Whether the server has published diagnostics for `d` (an empty list counts). */
const published = (d) => state.collections.some((c) => c.has(d.uri));
const ft101 = () => h.diagnostics(doc).find((d) => h.codeOf(d) === 'FT101');

before(async () => {
  const ws = h.demoWorkspace();
  fs.writeFileSync(path.join(ws, 'pyproject.toml'), PYPROJECT);
  ({ ext } = await h.activate());
  doc = h.openDocument(path.join(ws, 'spam.c'));
});

after(async () => {
  if (ext) await h.deactivate(ext);
});

test('with no ftls settings, pyproject.toml [tool.ftls] applies: target 3.12 (no FT001) and ignore FT101', async () => {
  assert.deepEqual(state.errors, []);
  await h.waitFor('diagnostics for spam.c', () => published(doc));
  assert.deepEqual(h.codes(doc), [], 'FT001 needs a free-threaded target and FT101 is ignored');
});

test('ftls.ignore in the user settings wins over the project\'s; the target still comes from pyproject.toml', async () => {
  state.user['ftls.ignore'] = []; // an empty list that the user set is an override, not "unset"
  await h.configurationChanged('ftls.ignore');
  await h.waitFor('FT101 alone', () => h.codes(doc).join() === 'FT101');
  assert.match(ft101().message, ON_312);
});

test('ftls.target in the workspace settings wins over the project\'s; ftls.ignore still comes from the user', async () => {
  state.workspace['ftls.target'] = '3.14t';
  await h.configurationChanged('ftls.target');
  await h.waitFor('FT001 and FT101', () => h.codes(doc).join() === 'FT001,FT101');
  assert.doesNotMatch(ft101().message, ON_312);
});

test('a removed setting falls back to pyproject.toml: each settings push replaces the last one', async () => {
  delete state.workspace['ftls.target'];
  await h.configurationChanged('ftls.target');
  await h.waitFor('FT101 alone, on 3.12 again', () => h.codes(doc).join() === 'FT101' && ON_312.test(ft101().message));
  delete state.user['ftls.ignore'];
  await h.configurationChanged('ftls.ignore');
  await h.waitFor('no finding again', () => h.codes(doc).length === 0);
});

test('a setting present at start wins over pyproject.toml too (ftls.ignore before a restart)', async () => {
  state.user['ftls.ignore'] = ['FT2'];
  await vscode.commands.executeCommand('ftls.restartServer');
  await h.waitFor('FT101 from the restarted server', () => h.codes(doc).join() === 'FT101');
  assert.match(ft101().message, ON_312);
  delete state.user['ftls.ignore'];
  await h.configurationChanged('ftls.ignore');
  await h.waitFor('no finding again', () => h.codes(doc).length === 0);
  assert.deepEqual(state.errors, []);
});
