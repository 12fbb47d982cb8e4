// The settings mapping (out/settings.js) and package.json's settings declarations.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');
const { serverSettings, launchSettings, RESTRICTED } = require('../../out/settings.js');
const manifest = require('../../package.json');

const props = manifest.contributes.configuration.properties;
const defaults = Object.fromEntries(Object.entries(props).map(([k, v]) => [k.replace(/^ftls\./, ''), v.default]));

/**
 * A WorkspaceConfiguration for section 'ftls' with user, workspace and folder layers over the
 * defaults; `get` answers from the highest layer that has the key, as VS Code does.
 */
function config(user = {}, workspace = {}, folder = {}) {
  const pick = (k) => (k in folder ? folder[k] : k in workspace ? workspace[k] : k in user ? user[k] : defaults[k]);
  return {
    get: (k) => pick(k),
    inspect: (k) => ({ defaultValue: defaults[k], globalValue: user[k], workspaceValue: workspace[k], workspaceFolderValue: folder[k] }),
  };
}

/** The keys serverSettings forwards, each with a value that differs from its default. */
const FORWARDED = {
  target: '3.12', select: ['FT1'], ignore: ['FT101'], severity: { FT001: 'error' }, includePaths: ['include'],
  defines: ['NDEBUG'], compileCommands: 'build', python: '/usr/bin/python3', minimumPython: '3.9', suppressionFixes: true,
};

test('every server setting is declared with a type, a default and a description', () => {
  for (const key of ['target', 'select', 'ignore', 'severity', 'includePaths', 'defines', 'compileCommands',
    'python', 'minimumPython', 'suppressionFixes', 'assumeFeatures', 'java.home', 'java.args', 'trace.server']) {
    const p = props[`ftls.${key}`];
    assert.ok(p, `ftls.${key} is declared`);
    assert.ok(p.type, `ftls.${key} has a type`);
    assert.ok('default' in p, `ftls.${key} has a default`);
    assert.ok((p.markdownDescription || p.description || '').length > 20, `ftls.${key} is described`);
  }
  assert.equal(props['ftls.target'].default, '3.14t');
  assert.deepEqual(props['ftls.severity'].additionalProperties.enum, ['error', 'warning', 'information', 'hint']);
  assert.equal(props['ftls.suppressionFixes'].type, 'boolean');
  assert.equal(props['ftls.suppressionFixes'].default, false, 'suppression fixes are off unless asked for');
  assert.match(props['ftls.suppressionFixes'].markdownDescription, /[Oo]ff by default/, 'and the description says why');
  assert.equal(props['ftls.assumeFeatures'].type, 'boolean');
  assert.equal(props['ftls.assumeFeatures'].default, true, 'build-feature branches are analyzed unless turned off');
  assert.equal(props['ftls.minimumPython'].type, 'string');
  assert.equal(props['ftls.minimumPython'].default, '', 'empty: from requires-python');
  assert.match(props['ftls.minimumPython'].markdownDescription, /requires-python/);
});

test('ftls.minimumPython accepts a version like 3.9, or empty, and nothing else', () => {
  const pattern = new RegExp(props['ftls.minimumPython'].pattern);
  for (const ok of ['', '3.9', '3.13', '3.14']) assert.ok(pattern.test(ok), `${JSON.stringify(ok)} is accepted`);
  for (const bad of ['3', '3.9.1', '3.14t', '39', 'v3.9', ' 3.9', '2.7']) assert.ok(!pattern.test(bad), `${JSON.stringify(bad)} is refused`);
  assert.ok(props['ftls.minimumPython'].patternErrorMessage, 'with a message saying what is expected');
});

test('package.json restricts exactly the settings the extension filters by trust', () => {
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(),
    RESTRICTED.map((k) => `ftls.${k}`).sort());
  assert.deepEqual(manifest.activationEvents.sort(), ['onLanguage:c', 'onLanguage:cpp']);
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(),
    ['ftls.explainRule', 'ftls.restartServer', 'ftls.showFileSettings', 'ftls.showOutput']);
});

test('with nothing set the server gets {}, so pyproject.toml [tool.ftls] and the server defaults apply', () => {
  assert.deepEqual(serverSettings(config(), true), {});
  assert.deepEqual(serverSettings(config(), false), {}, 'untrusted alike');
});

test('a key goes to the server when the user, the workspace or a folder sets it, and only that key', () => {
  for (const [key, value] of Object.entries(FORWARDED)) {
    for (const [layer, c] of [['user', config({ [key]: value })], ['workspace', config({}, { [key]: value })],
      ['folder', config({}, {}, { [key]: value })]]) {
      assert.deepEqual(serverSettings(c, true), { [key]: value }, `ftls.${key} set in the ${layer} settings`);
    }
  }
  assert.equal(serverSettings(config({ target: '3.12' }, { target: '3.13' }, { target: '3.13t' }), true).target, '3.13t',
    'the folder beats the workspace, which beats the user');
});

test('a value someone set is sent even when it equals the default: it overrides pyproject.toml', () => {
  const set = { target: '3.14t', select: [], ignore: [], severity: {}, includePaths: [], defines: [], suppressionFixes: false };
  assert.deepEqual(serverSettings(config(set), true), set);
  assert.deepEqual(serverSettings(config({}, set), true), set);
});

test('an empty string that someone set counts as unset and is left out', () => {
  const empty = { target: '', compileCommands: ' ', python: '', minimumPython: '' };
  assert.deepEqual(serverSettings(config(empty), true), {});
  assert.deepEqual(serverSettings(config({ target: '3.12' }, { target: '' }), true), {},
    'an empty workspace value hides the user\'s: empty stands for the project\'s or the built-in value');
});

test('every server setting maps one to one, and client-only settings stay out', () => {
  const user = {
    target: '3.13t', select: ['FT1'], ignore: ['FT101'], severity: { FT001: 'error' }, includePaths: ['include'],
    defines: ['NDEBUG', 'LEVEL=2'], compileCommands: 'build', python: '/usr/bin/python3.13',
    minimumPython: '3.9', suppressionFixes: true,
    'java.home': '/opt/jdk', 'java.args': ['-Xmx1g'], 'trace.server': 'verbose',
  };
  assert.deepEqual(serverSettings(config(user), true), {
    target: '3.13t', select: ['FT1'], ignore: ['FT101'], severity: { FT001: 'error' }, includePaths: ['include'],
    defines: ['NDEBUG', 'LEVEL=2'], compileCommands: 'build', python: '/usr/bin/python3.13',
    minimumPython: '3.9', suppressionFixes: true,
  });
});

test('an empty ftls.minimumPython is left out, so that the server reads requires-python', () => {
  assert.equal('minimumPython' in serverSettings(config({ minimumPython: '' }), true), false);
  assert.equal('minimumPython' in serverSettings(config({ minimumPython: '   ' }), true), false);
  assert.equal(serverSettings(config({ minimumPython: ' 3.10 ' }), true).minimumPython, '3.10');
  assert.equal(serverSettings(config({ minimumPython: '3.9' }, { minimumPython: '3.13' }), true).minimumPython, '3.13',
    'the workspace value wins');
});

test('ftls.assumeFeatures goes to the server only when someone set it', () => {
  assert.equal('assumeFeatures' in serverSettings(config(), true), false, 'the default stays the server\'s');
  assert.equal(serverSettings(config({ assumeFeatures: false }), true).assumeFeatures, false);
  assert.equal(serverSettings(config({ assumeFeatures: false }, { assumeFeatures: true }), true).assumeFeatures, true);
});

test('ftls.suppressionFixes goes to the server only when someone set it, true or false', () => {
  assert.equal('suppressionFixes' in serverSettings(config(), true), false,
    'the default is left out, so a [tool.ftls] value in pyproject.toml still counts');
  assert.equal(serverSettings(config({ suppressionFixes: true }), true).suppressionFixes, true);
  assert.equal(serverSettings(config({ suppressionFixes: false }), true).suppressionFixes, false, 'an explicit false');
  assert.equal(serverSettings(config({ suppressionFixes: true }, { suppressionFixes: false }), true).suppressionFixes, false,
    'the workspace value wins');
  assert.equal(serverSettings(config({}, { suppressionFixes: true }), false).suppressionFixes, true,
    'a harmless setting, so an untrusted workspace may set it too');
});

test('an untrusted workspace cannot set the Java, its arguments or the Python; the user still can', () => {
  const ws = { 'java.home': '/tmp/evil-jdk', 'java.args': ['-javaagent:/tmp/evil.jar'], python: '/tmp/evil-python', ignore: ['FT1'] };
  assert.deepEqual(launchSettings(config({}, ws), false), { javaHome: undefined, javaArgs: [], shared: true });
  assert.equal(serverSettings(config({}, ws), false).python, undefined);
  assert.deepEqual(serverSettings(config({}, ws), false).ignore, ['FT1'], 'harmless workspace settings still count');
  const user = { 'java.home': '/opt/jdk21', 'java.args': ['-Xmx2g'], python: '/usr/bin/python3' };
  assert.deepEqual(launchSettings(config(user, ws), false), { javaHome: '/opt/jdk21', javaArgs: ['-Xmx2g'], shared: true });
  assert.equal(serverSettings(config(user, ws), false).python, '/usr/bin/python3');
  assert.equal('python' in serverSettings(config({}, {}, { python: '/tmp/evil-python' }), false), false,
    'nor a folder value');
});

test('a trusted workspace can set them', () => {
  const ws = { 'java.home': '/opt/jdk25', 'java.args': ['-Xmx4g'], python: '/opt/py/bin/python3.14t' };
  assert.deepEqual(launchSettings(config({}, ws), true), { javaHome: '/opt/jdk25', javaArgs: ['-Xmx4g'], shared: true });
  assert.equal(serverSettings(config({}, ws), true).python, '/opt/py/bin/python3.14t');
});

test('ftls.java.shared: on unless set to false', () => {
  assert.equal(launchSettings(config({}), true).shared, true);
  assert.equal(launchSettings(config({ 'java.shared': false }), true).shared, false);
  assert.equal(launchSettings(config({}, { 'java.shared': false }), false).shared, false,
    'a workspace may turn it off: it only starts a server of the session\'s own');
});
