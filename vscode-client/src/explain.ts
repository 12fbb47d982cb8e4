// The ftls.explainRule command: shows `ftls explain ID` (the rule's docs, Markdown) in a preview.
// The docs live in read-only `ftls-rule:FT101.md` documents, so nothing asks to be saved.
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import type { FtlsServer } from './server';

const RULE_ID = /^FT\d{3}$/i;

/** The rule ids of the ftls diagnostics at the cursor of the active editor. */
function idsAtCursor(): string[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return [];
  }
  const at = editor.selection.active;
  const ids = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'ftls' && d.range.contains(at))
    .map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));
  return [...new Set(ids.filter((id) => RULE_ID.test(id)))];
}

async function chooseId(arg: unknown): Promise<string | undefined> {
  if (typeof arg === 'string' && RULE_ID.test(arg.trim())) {
    return arg.trim().toUpperCase();
  }
  const ids = idsAtCursor();
  if (ids.length === 1) {
    return ids[0];
  }
  if (ids.length > 1) {
    return vscode.window.showQuickPick(ids, { placeHolder: 'Which rule?' });
  }
  const typed = await vscode.window.showInputBox({
    prompt: 'ftls rule id',
    placeHolder: 'FT101',
    validateInput: (v) => (RULE_ID.test(v.trim()) ? undefined : 'A rule id looks like FT101'),
  });
  return typed?.trim().toUpperCase();
}

function run(java: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(java, args, { timeout: 60000, windowsHide: true }, (error, out, err) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, out, err: err || (error ? error.message : '') });
    });
  });
}

export const RULE_SCHEME = 'ftls-rule';
const docs = new Map<string, string>(); // uri -> Markdown

export function registerRuleDocs(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(RULE_SCHEME, {
    provideTextDocumentContent: (uri) => docs.get(uri.toString()) ?? '',
  });
}

export async function explainRule(server: FtlsServer, arg?: unknown): Promise<vscode.TextDocument | undefined> {
  const id = await chooseId(arg);
  if (!id) {
    return undefined;
  }
  const cmd = await server.javaCommand();
  if (!cmd) {
    return undefined;
  }
  const r = await run(cmd.java, [...cmd.args, 'explain', id]);
  if (r.code !== 0) {
    void vscode.window.showErrorMessage(r.err.trim() || `ftls explain ${id} failed (exit ${r.code})`);
    return undefined;
  }
  const uri = vscode.Uri.parse(`${RULE_SCHEME}:${id}.md`);
  docs.set(uri.toString(), r.out);
  const doc = await vscode.workspace.openTextDocument(uri);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(doc, { preview: true }); // no Markdown preview: show the text
  }
  return doc;
}
