// The settings mapping (out/settings.js) and package.json's settings declarations.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');
const { serverSettings, launchSettings, RESTRICTED } = require('../../out/settings.js');
const manifest = require('../../package.json');

const props = manifest.contributes.configuration.properties;
const defaults = Object.fromEntries(Object.entries(props).map(([k, v]) => [k.replace(/^ftls\./, ''), v.default]));

/** A WorkspaceConfiguration for section 'ftls' with user and workspace layers over the defaults. */
function config(user = {}, workspace = {}) {
  const pick = (k) => (k in workspace ? workspace[k] : k in user ? user[k] : defaults[k]);
  return {
    get: (k) => pick(k),
    inspect: (k) => ({ defaultValue: defaults[k], globalValue: user[k], workspaceValue: workspace[k] }),
  };
}

test('every server setting is declared with a type, a default and a description', () => {
  for (const key of ['target', 'select', 'ignore', 'severity', 'includePaths', 'defines', 'compileCommands',
    'python', 'java.home', 'java.args', 'trace.server']) {
    const p = props[`ftls.${key}`];
    assert.ok(p, `ftls.${key} is declared`);
    assert.ok(p.type, `ftls.${key} has a type`);
    assert.ok('default' in p, `ftls.${key} has a default`);
    assert.ok((p.markdownDescription || p.description || '').length > 20, `ftls.${key} is described`);
  }
  assert.equal(props['ftls.target'].default, '3.14t');
  assert.deepEqual(props['ftls.severity'].additionalProperties.enum, ['error', 'warning', 'information', 'hint']);
});

test('package.json restricts exactly the settings the extension filters by trust', () => {
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(),
    RESTRICTED.map((k) => `ftls.${k}`).sort());
  assert.deepEqual(manifest.activationEvents.sort(), ['onLanguage:c', 'onLanguage:cpp']);
  assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(),
    ['ftls.explainRule', 'ftls.restartServer', 'ftls.showOutput']);
});

test('defaults give the server only the target', () => {
  assert.deepEqual(serverSettings(config(), true),
    { target: '3.14t', select: [], ignore: [], includePaths: [], defines: [], severity: {} });
});

test('every server setting maps one to one, and client-only settings stay out', () => {
  const user = {
    target: '3.13t', select: ['FT1'], ignore: ['FT101'], severity: { FT001: 'error' }, includePaths: ['include'],
    defines: ['NDEBUG', 'LEVEL=2'], compileCommands: 'build', python: '/usr/bin/python3.13',
    'java.home': '/opt/jdk', 'java.args': ['-Xmx1g'], 'trace.server': 'verbose',
  };
  assert.deepEqual(serverSettings(config(user), true), {
    target: '3.13t', select: ['FT1'], ignore: ['FT101'], severity: { FT001: 'error' }, includePaths: ['include'],
    defines: ['NDEBUG', 'LEVEL=2'], compileCommands: 'build', python: '/usr/bin/python3.13',
  });
});

test('an untrusted workspace cannot set the Java, its arguments or the Python; the user still can', () => {
  const ws = { 'java.home': '/tmp/evil-jdk', 'java.args': ['-javaagent:/tmp/evil.jar'], python: '/tmp/evil-python', ignore: ['FT1'] };
  assert.deepEqual(launchSettings(config({}, ws), false), { javaHome: undefined, javaArgs: [] });
  assert.equal(serverSettings(config({}, ws), false).python, undefined);
  assert.deepEqual(serverSettings(config({}, ws), false).ignore, ['FT1'], 'harmless workspace settings still count');
  const user = { 'java.home': '/opt/jdk21', 'java.args': ['-Xmx2g'], python: '/usr/bin/python3' };
  assert.deepEqual(launchSettings(config(user, ws), false), { javaHome: '/opt/jdk21', javaArgs: ['-Xmx2g'] });
  assert.equal(serverSettings(config(user, ws), false).python, '/usr/bin/python3');
});

test('a trusted workspace can set them', () => {
  const ws = { 'java.home': '/opt/jdk25', 'java.args': ['-Xmx4g'], python: '/opt/py/bin/python3.14t' };
  assert.deepEqual(launchSettings(config({}, ws), true), { javaHome: '/opt/jdk25', javaArgs: ['-Xmx4g'] });
  assert.equal(serverSettings(config({}, ws), true).python, '/opt/py/bin/python3.14t');
});
