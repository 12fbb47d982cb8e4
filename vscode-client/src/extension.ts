// ftls for VS Code: starts the bundled ftls server for C and C++ files and adds four commands.
import * as vscode from 'vscode';
import { explainRule, registerRuleDocs } from './explain';
import { FtlsServer } from './server';

let server: FtlsServer | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<FtlsServer> {
  const s = new FtlsServer(context);
  server = s;
  context.subscriptions.push(
    s,
    registerRuleDocs(),
    vscode.commands.registerCommand('ftls.restartServer', () => s.restart()),
    vscode.commands.registerCommand('ftls.showOutput', () => s.output.show(true)),
    vscode.commands.registerCommand('ftls.explainRule', (id?: unknown) => explainRule(s, id)),
    // not ftls.showSettings: the language client registers the server's command under that id
    vscode.commands.registerCommand('ftls.showFileSettings', () => s.showSettings()),
    vscode.workspace.onDidChangeConfiguration((e) => s.onConfigurationChanged(e)),
    // Trust can unlock the workspace's ftls.java.* and ftls.python values.
    vscode.workspace.onDidGrantWorkspaceTrust(() => s.restart()),
  );
  await s.start();
  return s;
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
