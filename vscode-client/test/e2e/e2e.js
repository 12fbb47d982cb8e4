// Drives the VS Code workbench (code-server) in Debian's Chromium with playwright-core, with the
// ftls extension installed and a copy of test-workspaces/demo open. One PASS/FAIL line per check,
// and a screenshot per step in $SHOTS. Exit status 1 when any check failed.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const url = `${process.env.CS_URL}/?folder=${encodeURIComponent(process.env.WS)}`;
const shots = process.env.SHOTS;
const timeout = Number(process.env.FTLS_E2E_TIMEOUT_MS || 60000);
const oneLine = (s) => s.replace(/\s+/g, ' ').trim();

let failed = 0;
async function check(page, name, shot, fn) {
  const t0 = Date.now();
  try {
    const detail = await fn();
    await page.screenshot({ path: path.join(shots, `${shot}.png`) });
    console.log(`PASS ${name} (${Date.now() - t0} ms)${detail ? `: ${detail}` : ''}`);
  } catch (e) {
    failed++;
    await page.screenshot({ path: path.join(shots, `${shot}-failure.png`) }).catch(() => {});
    console.log(`FAIL ${name}: ${oneLine(e.message.split('\n')[0])} (screenshot ${shot}-failure.png)`);
  }
}

// The row reads "ftls(FT001)"; the parentheses may be drawn by CSS, so they are optional here.
const problemRow = (page, code) => page.locator('.markers-panel .monaco-list-row', { hasText: new RegExp(`ftls\\(?${code}`) });
const editorToken = (page, text) => page.locator('.monaco-editor .view-line span > span', { hasText: new RegExp(`^${text}$`) }).first();

/**
 * Opens a quick input with `key` (Ctrl+P files, F1 commands, Ctrl+G lines), types `text`, waits
 * for a row with `row` (when given) and accepts with Enter.
 */
async function quickInput(page, key, text, row) {
  await page.keyboard.press(key);
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 15000 });
  await page.keyboard.type(text);
  if (row) await page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

async function openFile(page, name) {
  await quickInput(page, 'Control+P', name, name);
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15000 });
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 15000 });
}

/** Go to Line in the editor, e.g. '43' or '10:23' (line:column). */
async function goTo(page, where) {
  await page.locator('.editor-instance .monaco-editor .overflow-guard').first().click({ position: { x: 300, y: 60 } }); // focus the editor
  await quickInput(page, 'Control+G', where);
  await page.waitForSelector('.quick-input-widget', { state: 'hidden', timeout: 15000 });
}

/** The text of the hover widget once it shows `needle` (the hover may render in steps). */
async function hoverWith(page, needle, ms = 20000) {
  const handle = await page.waitForFunction((n) => [...document.querySelectorAll('.monaco-hover')]
    .map((e) => e.innerText).find((t) => t.includes(n)), needle, { timeout: ms, polling: 100 });
  return oneLine(await handle.jsonValue());
}

const runCommand = (page, title) => quickInput(page, 'F1', title, title);

(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ftls-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  try {
    await check(page, 'the workbench opens spam.c', '0-editor', async () => {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
      await page.waitForSelector('.monaco-workbench', { timeout });
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
      await openFile(page, 'spam.c');
    });

    await check(page, 'the Problems panel lists FT001 (and FT101) from ftls', '1-problems', async () => {
      await page.keyboard.press('Control+Shift+M');
      await problemRow(page, 'FT001').first().waitFor({ timeout });
      await problemRow(page, 'FT101').first().waitFor({ timeout });
      return oneLine(await problemRow(page, 'FT001').first().innerText());
    });

    await check(page, 'hover on PyList_GetItem shows the C API note', '2-hover', async () => {
      await editorToken(page, 'PyList_GetItem').hover();
      // The diagnostic's message shows in the hover too; the server's C API note is the part with
      // "Returns a borrowed reference" and the free-threaded build's contract.
      const text = await hoverWith(page, 'Returns a borrowed reference');
      if (!/Free-threaded build/.test(text)) throw new Error(`the hover lacks the free-threaded build note: ${text}`);
      await page.waitForTimeout(500); // let the hover finish fading in for the screenshot
      await hoverWith(page, 'Returns a borrowed reference', 5000);
      return text.slice(text.indexOf('PyList_GetItem (function)'), text.indexOf('PyList_GetItem (function)') + 110);
    });

    await check(page, 'the FT001 quick fix (Ctrl+.) removes the diagnostic', '4-after-fix', async () => {
      await page.mouse.move(10, 10); // let the hover close
      await goTo(page, '43'); // PyInit_spam, where FT001 is
      await editorToken(page, 'PyInit_spam').waitFor({ timeout: 15000 });
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: 'PyUnstable_Module_SetGIL' }).first();
      await item.waitFor({ timeout: 20000 });
      await page.screenshot({ path: path.join(shots, '3-quickfix-menu.png') });
      // The menu has the keyboard focus on its first row: pick ours with the arrow keys.
      for (let i = 0; i < 10 && !(await item.evaluate((e) => e.classList.contains('focused'))); i++) {
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await editorToken(page, 'PyUnstable_Module_SetGIL').waitFor({ timeout: 20000 });
      await problemRow(page, 'FT001').first().waitFor({ state: 'detached', timeout });
      await problemRow(page, 'FT101').first().waitFor({ timeout: 5000 });
      return 'FT001 is gone from the Problems panel, FT101 is still there';
    });

    await check(page, 'ftls: Explain Rule shows the docs of the rule under the cursor', '5-explain', async () => {
      await goTo(page, '10:23'); // inside PyList_GetItem, where FT101 is
      await runCommand(page, 'ftls: Explain Rule');
      await page.locator('.tab', { hasText: 'Preview' }).first().waitFor({ timeout: 30000 });
      const deadline = Date.now() + 30000;
      for (;;) {
        for (const frame of page.frames()) {
          const h1 = await frame.locator('h1', { hasText: 'FT101 borrowed-reference-from-shared-container' }).count().catch(() => 0);
          if (h1 > 0) return 'the Markdown preview shows "FT101 borrowed-reference-from-shared-container"';
        }
        if (Date.now() > deadline) throw new Error('no Markdown preview with the FT101 docs');
        await page.waitForTimeout(250);
      }
    });
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.log(`FAIL the end-to-end run: ${e.message}`);
  process.exit(1);
});
