// Java discovery (out/java.js): ftls.java.home, then JAVA_HOME, then PATH; Java 17 or newer.
'use strict';
const assert = require('node:assert/strict');
const path = require('path');
const { test } = require('node:test');
const { findJava, parseJavaVersion, nodeProbe } = require('../../out/java.js');

/** A machine with the given java executables, each printing `java -version` for its version. */
function machine(javas) {
  const versionLine = (v) => (v === 8 ? 'java version "1.8.0_392"' : `openjdk version "${v}.0.2" 2024-01-16`);
  return {
    isFile: (p) => p in javas,
    versionText: async (p) => (p in javas ? `${versionLine(javas[p])}\nOpenJDK Runtime Environment\n` : undefined),
  };
}
const bin = (home) => path.join(home, 'bin', 'java');

test('parseJavaVersion reads old and new version strings', () => {
  assert.equal(parseJavaVersion('java version "1.8.0_392"\nJava(TM) SE Runtime'), 8);
  assert.equal(parseJavaVersion('openjdk version "17.0.15" 2025-04-15'), 17);
  assert.equal(parseJavaVersion('openjdk version "21" 2023-09-19'), 21);
  assert.equal(parseJavaVersion('openjdk version "25-ea" 2025-09-16'), 25);
  assert.equal(parseJavaVersion('Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "11.0.2"'), 11);
  assert.equal(parseJavaVersion('bash: java: command not found'), undefined);
});

test('the ftls.java.home setting wins over JAVA_HOME and PATH', async () => {
  const m = machine({ [bin('/opt/jdk21')]: 21, [bin('/opt/jdk17')]: 17, '/usr/bin/java': 17 });
  const r = await findJava({ home: '/opt/jdk21', env: { JAVA_HOME: '/opt/jdk17', PATH: '/usr/bin' }, platform: 'linux' }, m);
  assert.deepEqual(r, { ok: true, java: bin('/opt/jdk21'), version: 21, source: 'the setting ftls.java.home' });
});

test('JAVA_HOME comes before PATH', async () => {
  const m = machine({ [bin('/opt/jdk17')]: 17, '/usr/bin/java': 21 });
  const r = await findJava({ env: { JAVA_HOME: '/opt/jdk17', PATH: '/bin:/usr/bin' }, platform: 'linux' }, m);
  assert.equal(r.java, bin('/opt/jdk17'));
  assert.equal(r.source, 'JAVA_HOME');
});

test('PATH is used when neither the setting nor JAVA_HOME is set', async () => {
  const m = machine({ '/usr/bin/java': 17 });
  const r = await findJava({ home: '  ', env: { PATH: '/nowhere:/usr/bin' }, platform: 'linux' }, m);
  assert.deepEqual(r, { ok: true, java: '/usr/bin/java', version: 17, source: 'PATH' });
});

test('a too old Java is refused with a message that names it and the version needed', async () => {
  const m = machine({ [bin('/opt/jdk11')]: 11 });
  const r = await findJava({ env: { JAVA_HOME: '/opt/jdk11', PATH: '/usr/bin' }, platform: 'linux' }, m);
  assert.equal(r.ok, false);
  assert.match(r.message, /needs Java 17 or newer/);
  assert.match(r.message, /jdk11.*is Java 11/);
  assert.match(r.message, /no java on the PATH/);
  assert.match(r.message, /Set ftls\.java\.home/);
});

test('a too old JAVA_HOME falls through to a good java on the PATH', async () => {
  const m = machine({ [bin('/opt/jdk8')]: 8, '/usr/bin/java': 17 });
  const r = await findJava({ env: { JAVA_HOME: '/opt/jdk8', PATH: '/usr/bin' }, platform: 'linux' }, m);
  assert.equal(r.java, '/usr/bin/java');
});

test('a wrong ftls.java.home is an error, not a silent fallback to PATH', async () => {
  const m = machine({ '/usr/bin/java': 21 });
  const r = await findJava({ home: '/opt/missing', env: { PATH: '/usr/bin' }, platform: 'linux' }, m);
  assert.equal(r.ok, false);
  assert.match(r.message, /ftls\.java\.home is \/opt\/missing, which has no bin\/java/);
});

test('a Java that does not tell its version is refused', async () => {
  const m = { isFile: () => true, versionText: async () => 'Error: could not create the Java VM' };
  const r = await findJava({ env: { PATH: '/usr/bin' }, platform: 'linux' }, m);
  assert.equal(r.ok, false);
  assert.match(r.message, /did not tell its version/);
});

test('Windows: java.exe and ; in PATH', async () => {
  const m = machine({ [path.join('C:\\jdk\\bin', 'java.exe')]: 17 });
  const r = await findJava({ env: { Path: 'C:\\Windows;C:\\jdk\\bin' }, platform: 'win32' }, m);
  assert.equal(r.java, path.join('C:\\jdk\\bin', 'java.exe'));
});

test('on this machine the real probe finds a Java 17+ on the PATH', async () => {
  const r = await findJava({ env: { PATH: process.env.PATH } }, nodeProbe);
  assert.equal(r.ok, true, r.message);
  assert.ok(r.version >= 17);
});
