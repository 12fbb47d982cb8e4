// Owns the language client: finds Java and the bundled jar, starts the server over stdio through
// the bundled launcher (server/ftls, the repository's ./ftls: the JVM settings and class cache every
// way of starting ftls shares; `java -jar ftls.jar serve` where it cannot run, on Windows), and
// keeps the server's `ftls` settings object up to date.
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ResponseError,
  ServerOptions,
} from 'vscode-languageclient/node';
import { findJava } from './java';
import { launchSettings, serverSettings } from './settings';

export interface JavaCommand {
  java: string;
  /** JVM arguments, then `-jar <jar>`. */
  args: string[];
}

export class FtlsServer implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('ftls', { log: true });
  }

  get jar(): string {
    return this.context.asAbsolutePath('server/ftls.jar');
  }

  /** The `ftls` object for the server, honouring workspace trust. */
  settings(): ReturnType<typeof serverSettings> {
    return serverSettings(vscode.workspace.getConfiguration('ftls'), vscode.workspace.isTrusted);
  }

  /** Java and its arguments up to the jar, or undefined after telling the user what is wrong. */
  async javaCommand(): Promise<JavaCommand | undefined> {
    const launch = launchSettings(vscode.workspace.getConfiguration('ftls'), vscode.workspace.isTrusted);
    if (!fs.existsSync(this.jar)) {
      this.fail(`ftls: the server (${this.jar}) is missing from the extension; reinstall it.`);
      return undefined;
    }
    const found = await findJava({ home: launch.javaHome, env: process.env });
    if (!found.ok) {
      this.fail(found.message, 'Open Settings');
      return undefined;
    }
    this.output.appendLine(`Java ${found.version} from ${found.source}: ${found.java}`);
    return { java: found.java, args: [...launch.javaArgs, '-jar', this.jar] };
  }

  get launcher(): string {
    return this.context.asAbsolutePath('server/ftls');
  }

  /**
   * How the server starts: through the launcher when it is there and bash can run it, so that the
   * editor's server gets the same JVM settings and class archive as `ftls serve` in a terminal,
   * with the Java found here (FTLS_JAVA) and ftls.java.args after the launcher's JVM settings.
   */
  serverCommand(cmd: JavaCommand): ServerOptions {
    const launch = launchSettings(vscode.workspace.getConfiguration('ftls'), vscode.workspace.isTrusted);
    if (process.platform !== 'win32' && fs.existsSync(this.launcher)) {
      const env: NodeJS.ProcessEnv = { ...process.env, FTLS_JAR: this.jar, FTLS_JAVA: cmd.java };
      if (launch.javaArgs.length > 0) {
        env.FTLS_JAVA_ARGS = launch.javaArgs.join('\n');
      }
      if (!launch.shared) {
        env.FTLS_SHARED_SERVER = '0';
      }
      this.output.appendLine(`Starting the server with the launcher ${this.launcher}`);
      return { command: 'bash', args: [this.launcher, 'serve'], options: { env } };
    }
    return { command: cmd.java, args: [...cmd.args, 'serve'] };
  }

  async start(): Promise<void> {
    const cmd = await this.javaCommand();
    if (!cmd) {
      return;
    }
    // An Executable without `transport`: the server talks LSP on stdio and needs no --stdio.
    const serverOptions = this.serverCommand(cmd);
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'c' },
        { scheme: 'file', language: 'cpp' },
      ],
      outputChannel: this.output,
      initializationOptions: this.settings(),
      middleware: {
        workspace: {
          // Answer workspace/configuration for 'ftls' with the mapped object, not the raw section.
          configuration: async (params, token, next) => {
            const raw = await next(params, token);
            if (raw instanceof ResponseError) {
              return raw;
            }
            return params.items.map((item, i) => (item.section === 'ftls' ? this.settings() : raw[i]));
          },
        },
      },
    };
    this.client = new LanguageClient('ftls', 'ftls', serverOptions, clientOptions);
    try {
      await this.client.start();
    } catch (e) {
      this.fail(`ftls: the server did not start: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * "ftls: Show Settings": what the server analyzes the active file with (compile settings and
   * their origins, the includes they find, the target, the rules that run), from the server's
   * ftls.showSettings command, in a read-only plain-text document.
   */
  async showSettings(): Promise<vscode.TextDocument | undefined> {
    const editor = vscode.window.activeTextEditor;
    const c = this.client;
    if (!editor || !c?.isRunning()) {
      void vscode.window.showErrorMessage(editor ? 'ftls: the server is not running.' : 'ftls: open a C or C++ file first.');
      return undefined;
    }
    let report: unknown;
    try {
      report = await c.sendRequest(ExecuteCommandRequest.type, {
        command: 'ftls.showSettings',
        arguments: [c.code2ProtocolConverter.asUri(editor.document.uri)],
      });
    } catch (e) {
      void vscode.window.showErrorMessage(`ftls: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument({ content: String(report), language: 'plaintext' });
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) {
      await c.stop().catch(() => undefined);
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Settings changed: a new Java needs a new process, anything else goes to the server. */
  async onConfigurationChanged(e: vscode.ConfigurationChangeEvent): Promise<void> {
    if (e.affectsConfiguration('ftls.java')) {
      await this.restart();
    } else if (e.affectsConfiguration('ftls') && this.client?.isRunning()) {
      await this.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { ftls: this.settings() },
      });
    }
  }

  private fail(message: string, button?: string): void {
    this.output.appendLine(message);
    const shown = button ? vscode.window.showErrorMessage(message, button) : vscode.window.showErrorMessage(message);
    void Promise.resolve(shown).then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'ftls.java');
      }
    });
  }

  dispose(): void {
    void this.stop();
    this.output.dispose();
  }
}
