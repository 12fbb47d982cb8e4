// A stand-in for the `vscode` module, enough for vscode-languageclient 11 and the extension.
// Tests drive it through `mock.state` (settings layers, trust, messages, commands, documents).
'use strict';
const path = require('path');
const { URL, pathToFileURL } = require('url');

class Disposable {
  constructor(fn) { this._fn = fn; }
  static from(...ds) { return new Disposable(() => ds.forEach((d) => d && d.dispose && d.dispose())); }
  dispose() { if (this._fn) { this._fn(); this._fn = undefined; } }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (fn, thisArg, bucket) => {
      const l = thisArg ? fn.bind(thisArg) : fn;
      this.listeners.add(l);
      const d = new Disposable(() => this.listeners.delete(l));
      if (Array.isArray(bucket)) bucket.push(d);
      return d;
    };
  }
  fire(e) { return [...this.listeners].map((l) => l(e)); }
  dispose() { this.listeners.clear(); }
}

class Uri {
  constructor(scheme, authority, p, query, fragment) {
    Object.assign(this, { scheme, authority: authority || '', path: p || '', query: query || '', fragment: fragment || '' });
  }
  static parse(s) {
    const u = new URL(s);
    return new Uri(u.protocol.replace(/:$/, ''), u.host, decodeURIComponent(u.pathname), u.search.replace(/^\?/, ''), u.hash.replace(/^#/, ''));
  }
  static file(p) { return new Uri('file', '', path.resolve(p)); }
  get fsPath() { return this.path; }
  with(change) { return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment); }
  toString() {
    if (this.scheme === 'file') return pathToFileURL(this.path).href;
    return `${this.scheme}:${this.authority ? '//' + this.authority : ''}${this.path}${this.query ? '?' + this.query : ''}`;
  }
  toJSON() { return this.toString(); }
}

class Position {
  constructor(line, character) { this.line = line; this.character = character; }
  isBefore(o) { return this.line < o.line || (this.line === o.line && this.character < o.character); }
  isAfter(o) { return o.isBefore(this); }
  isEqual(o) { return this.line === o.line && this.character === o.character; }
  compareTo(o) { return this.isBefore(o) ? -1 : this.isEqual(o) ? 0 : 1; }
}

class Range {
  constructor(a, b, c, d) {
    if (typeof a === 'number') { this.start = new Position(a, b); this.end = new Position(c, d); }
    else { this.start = a; this.end = b; }
  }
  get isEmpty() { return this.start.isEqual(this.end); }
  contains(x) {
    if (x instanceof Range) return this.contains(x.start) && this.contains(x.end);
    return !x.isBefore(this.start) && !this.end.isBefore(x);
  }
}
class Selection extends Range {
  constructor(anchor, active) { super(anchor, active); this.anchor = anchor; this.active = active; }
}
class Location { constructor(uri, range) { this.uri = uri; this.range = range; } }

const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
class Diagnostic {
  constructor(range, message, severity = DiagnosticSeverity.Error) { Object.assign(this, { range, message, severity }); }
}
class DiagnosticRelatedInformation { constructor(location, message) { Object.assign(this, { location, message }); } }

class MarkdownString {
  constructor(value = '', supportThemeIcons) { this.value = value; this.supportThemeIcons = supportThemeIcons; }
  appendMarkdown(v) { this.value += v; return this; }
  appendText(v) { this.value += v; return this; }
  appendCodeblock(v, lang = '') { this.value += `\n\`\`\`${lang}\n${v}\n\`\`\`\n`; return this; }
}
class Hover { constructor(contents, range) { this.contents = Array.isArray(contents) ? contents : [contents]; this.range = range; } }

class TextEdit {
  constructor(range, newText) { this.range = range; this.newText = newText; }
  static replace(range, newText) { return new TextEdit(range, newText); }
  static insert(position, newText) { return new TextEdit(new Range(position, position), newText); }
  static delete(range) { return new TextEdit(range, ''); }
}
class WorkspaceEdit {
  constructor() { this._edits = new Map(); }
  _list(uri) { const k = uri.toString(); if (!this._edits.has(k)) this._edits.set(k, [uri, []]); return this._edits.get(k)[1]; }
  replace(uri, range, text) { this._list(uri).push(new TextEdit(range, text)); }
  insert(uri, pos, text) { this._list(uri).push(TextEdit.insert(pos, text)); }
  delete(uri, range) { this._list(uri).push(TextEdit.delete(range)); }
  set(uri, edits) { const l = this._list(uri); l.length = 0; for (const e of edits || []) l.push(Array.isArray(e) ? e[0] : e); }
  get(uri) { return this._list(uri); }
  has(uri) { return this._edits.has(uri.toString()); }
  entries() { return [...this._edits.values()]; }
  get size() { return this._edits.size; }
}

class CodeActionKind {
  constructor(value) { this.value = value; }
  append(part) { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
  contains(other) { return this.value === '' || other.value === this.value || other.value.startsWith(this.value + '.'); }
  intersects(other) { return this.contains(other) || other.contains(this); }
}
for (const [k, v] of Object.entries({ Empty: '', QuickFix: 'quickfix', Refactor: 'refactor', RefactorExtract: 'refactor.extract',
  RefactorInline: 'refactor.inline', RefactorMove: 'refactor.move', RefactorRewrite: 'refactor.rewrite', Source: 'source',
  SourceOrganizeImports: 'source.organizeImports', SourceFixAll: 'source.fixAll', Notebook: 'notebook' })) {
  CodeActionKind[k] = new CodeActionKind(v);
}
class CodeAction { constructor(title, kind) { this.title = title; this.kind = kind; } }

class CancellationError extends Error { constructor() { super('Canceled'); this.name = 'Canceled'; } }
class CancellationTokenSource {
  constructor() {
    const em = new EventEmitter();
    this._em = em;
    this.token = { isCancellationRequested: false, onCancellationRequested: em.event };
  }
  cancel() { if (!this.token.isCancellationRequested) { this.token.isCancellationRequested = true; this._em.fire(); } }
  dispose() {}
}

/** A text document kept in memory: what the language client reads from a vscode.TextDocument. */
class MockTextDocument {
  constructor(uri, languageId, text) { Object.assign(this, { uri, languageId, version: 1, _text: text, isClosed: false, isDirty: false, isUntitled: uri.scheme === 'untitled', eol: 1 }); }
  get fileName() { return this.uri.fsPath; }
  get lineCount() { return this._lines().length; }
  _lines() { return this._text.split('\n'); }
  getText(range) { return range ? this._text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this._text; }
  offsetAt(pos) { const lines = this._lines(); let o = 0; for (let i = 0; i < pos.line && i < lines.length; i++) o += lines[i].length + 1; return o + pos.character; }
  positionAt(offset) { const lines = this._lines(); let line = 0; while (line < lines.length - 1 && offset > lines[line].length) { offset -= lines[line].length + 1; line++; } return new Position(line, offset); }
  lineAt(n) { const line = typeof n === 'number' ? n : n.line; const t = this._lines()[line]; return { lineNumber: line, text: t, range: new Range(line, 0, line, t.length) }; }
  getWordRangeAtPosition(pos) { const t = this.lineAt(pos.line).text; let s = pos.character; let e = s; while (s > 0 && /\w/.test(t[s - 1])) s--; while (e < t.length && /\w/.test(t[e])) e++; return s === e ? undefined : new Range(pos.line, s, pos.line, e); }
  save() { return Promise.resolve(true); }
}

// ---- the test-facing state ----
const state = {
  defaults: {},          // 'ftls.target' -> value (filled from package.json by the tests)
  user: {},              // global (user) settings
  workspace: {},         // workspace settings
  errors: [],            // [message, ...buttons] shown with showErrorMessage
  messages: [],          // every other message
  errorChoice: undefined, // what the user "clicks" on an error message
  executed: [],          // [command, ...args] run with executeCommand that no extension registered
  commands: new Map(),
  collections: [],
  hoverProviders: [],
  codeActionProviders: [],
  inputBoxValue: undefined,
  activeTextEditor: undefined,
  contentProviders: new Map(),
  opened: [],            // documents opened with workspace.openTextDocument
  shown: [],             // documents shown with window.showTextDocument
  events: {
    open: new EventEmitter(), change: new EventEmitter(), close: new EventEmitter(), save: new EventEmitter(),
    willSave: new EventEmitter(), config: new EventEmitter(), trust: new EventEmitter(), folders: new EventEmitter(),
    activeEditor: new EventEmitter(), visibleEditors: new EventEmitter(),
  },
  textDocuments: [],
  workspaceFolders: undefined,
  isTrusted: true,
};

function lookup(layer, key) { return Object.prototype.hasOwnProperty.call(layer, key) ? layer[key] : undefined; }
function configuration(section) {
  const full = (k) => (section ? `${section}.${k}` : k);
  const get = (k, dflt) => {
    const key = full(k);
    // a key may name an object whose members are set one by one, as in settings.json
    const pick = (layer) => {
      const v = lookup(layer, key);
      if (v !== undefined) return v;
      const inner = Object.keys(layer).filter((x) => x.startsWith(key + '.'));
      if (inner.length === 0) return undefined;
      const o = {};
      for (const x of inner) o[x.slice(key.length + 1)] = layer[x];
      return o;
    };
    const w = state.isTrusted || !RESTRICTED.has(key) ? pick(state.workspace) : undefined;
    const v = w ?? pick(state.user) ?? pick(state.defaults);
    return v === undefined ? dflt : v;
  };
  return {
    get,
    has: (k) => get(k) !== undefined,
    inspect: (k) => ({ key: full(k), defaultValue: lookup(state.defaults, full(k)), globalValue: lookup(state.user, full(k)), workspaceValue: lookup(state.workspace, full(k)) }),
    update: () => Promise.resolve(),
  };
}
// Keys that VS Code itself keeps from an untrusted workspace (package.json restrictedConfigurations);
// the tests clear this set to prove that the extension does not rely on it.
const RESTRICTED = new Set();

function registerHoverProvider(selector, provider) { const e = { selector, provider }; state.hoverProviders.push(e); return new Disposable(() => state.hoverProviders.splice(state.hoverProviders.indexOf(e), 1)); }
function registerCodeActionsProvider(selector, provider, metadata) { const e = { selector, provider, metadata }; state.codeActionProviders.push(e); return new Disposable(() => state.codeActionProviders.splice(state.codeActionProviders.indexOf(e), 1)); }

function match(selector, doc) {
  const list = Array.isArray(selector) ? selector : [selector];
  return list.some((s) => typeof s === 'string' ? s === doc.languageId
    : (!s.language || s.language === doc.languageId) && (!s.scheme || s.scheme === doc.uri.scheme)) ? 10 : 0;
}

function createDiagnosticCollection(name) {
  const map = new Map();
  const c = {
    name,
    set(uri, diags) {
      if (Array.isArray(uri)) { for (const [u, d] of uri) c.set(u, d); return; }
      if (diags === undefined) map.delete(uri.toString()); else map.set(uri.toString(), diags);
      state.events.diagnostics.fire(uri);
    },
    get: (uri) => map.get(uri.toString()) || [],
    has: (uri) => map.has(uri.toString()),
    delete: (uri) => { map.delete(uri.toString()); state.events.diagnostics.fire(uri); },
    clear: () => map.clear(),
    forEach: (fn) => map.forEach((d, k) => fn(Uri.parse(k), d, c)),
    dispose: () => { map.clear(); state.collections.splice(state.collections.indexOf(c), 1); },
  };
  state.collections.push(c);
  return c;
}
state.events.diagnostics = new EventEmitter();

function logChannel(name) {
  const lines = [];
  const add = (level) => (m, ...rest) => lines.push(`[${level}] ${m}${rest.length ? ' ' + rest.join(' ') : ''}`);
  const ch = {
    name, lines, logLevel: 2, onDidChangeLogLevel: new EventEmitter().event,
    append: (v) => lines.push(v), appendLine: (v) => lines.push(v), replace: (v) => { lines.length = 0; lines.push(v); },
    clear: () => { lines.length = 0; }, show: () => { ch.shown = (ch.shown || 0) + 1; }, hide() {}, dispose() {},
    trace: add('trace'), debug: add('debug'), info: add('info'), warn: add('warn'), error: add('error'),
  };
  state.channels = state.channels || [];
  state.channels.push(ch);
  return ch;
}

function message(kind) {
  return (msg, ...items) => {
    const buttons = items.filter((i) => typeof i === 'string' || (i && i.title));
    if (kind === 'error') { state.errors.push([msg, ...buttons]); return Promise.resolve(state.errorChoice); }
    state.messages.push([kind, msg]);
    return Promise.resolve(undefined);
  };
}

const stub = () => new Disposable();
// Anything this file does not model: a namespace whose functions return a Disposable.
const autoNamespace = (name) => new Proxy({}, { get: (t, p) => (p in t ? t[p] : p === 'then' ? undefined : stub) });

// Copies getters as getters (Object.assign would freeze their current values).
const extend = (t, src) => Object.defineProperties(t, Object.getOwnPropertyDescriptors(src));

const vscode = {
  version: '1.91.0',
  Disposable, EventEmitter, Uri, Position, Range, Selection, Location, Diagnostic, DiagnosticSeverity,
  DiagnosticRelatedInformation, DiagnosticTag: { Unnecessary: 1, Deprecated: 2 }, MarkdownString, Hover,
  TextEdit, WorkspaceEdit, CodeAction, CodeActionKind, CodeActionTriggerKind: { Invoke: 1, Automatic: 2 },
  CancellationError, CancellationTokenSource, LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
  EndOfLine: { LF: 1, CRLF: 2 }, TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 }, ViewColumn: { Active: -1, Beside: -2, One: 1 },
  StatusBarAlignment: { Left: 1, Right: 2 }, ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  UIKind: { Desktop: 1, Web: 2 }, FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
  env: { appName: 'mock', appRoot: '', language: 'en', machineId: 'mock', sessionId: 'mock', uiKind: 1, openExternal: () => Promise.resolve(true) },
  extensions: { all: [], getExtension: () => undefined, onDidChange: new EventEmitter().event },
  languages: extend(autoNamespace('languages'), {
    match, createDiagnosticCollection, registerHoverProvider, registerCodeActionsProvider,
    getDiagnostics: (uri) => {
      if (!uri) return [];
      return state.collections.flatMap((c) => c.get(uri));
    },
    onDidChangeDiagnostics: state.events.diagnostics.event,
  }),
  workspace: extend(autoNamespace('workspace'), {
    getConfiguration: configuration,
    get isTrusted() { return state.isTrusted; },
    get textDocuments() { return state.textDocuments; },
    get workspaceFolders() { return state.workspaceFolders; },
    get notebookDocuments() { return []; },
    getWorkspaceFolder: (uri) => (state.workspaceFolders || []).find((f) => uri.fsPath.startsWith(f.uri.fsPath)),
    onDidOpenTextDocument: state.events.open.event,
    onDidChangeTextDocument: state.events.change.event,
    onDidCloseTextDocument: state.events.close.event,
    onDidSaveTextDocument: state.events.save.event,
    onWillSaveTextDocument: state.events.willSave.event,
    onDidChangeConfiguration: state.events.config.event,
    onDidGrantWorkspaceTrust: state.events.trust.event,
    onDidChangeWorkspaceFolders: state.events.folders.event,
    registerTextDocumentContentProvider: (scheme, provider) => {
      state.contentProviders.set(scheme, provider);
      return new Disposable(() => state.contentProviders.delete(scheme));
    },
    openTextDocument: async (arg) => {
      if (arg instanceof Uri) {
        const provider = state.contentProviders.get(arg.scheme);
        if (!provider) throw new Error(`cannot open ${arg}`);
        const text = await provider.provideTextDocumentContent(arg, new CancellationTokenSource().token);
        const doc = new MockTextDocument(arg, arg.path.endsWith('.md') ? 'markdown' : 'plaintext', text);
        state.opened.push(doc);
        return doc;
      }
      const doc = new MockTextDocument(new Uri('untitled', '', `Untitled-${state.opened.length + 1}`), arg.language || 'plaintext', arg.content || '');
      state.opened.push(doc);
      return doc;
    },
  }),
  window: extend(autoNamespace('window'), {
    createOutputChannel: logChannel,
    showErrorMessage: message('error'),
    showWarningMessage: message('warning'),
    showInformationMessage: message('info'),
    showInputBox: async (opts) => { state.inputBoxOptions = opts; return state.inputBoxValue; },
    showQuickPick: async (items) => items[0],
    showTextDocument: async (doc) => { state.shown.push(doc); return { document: doc }; },
    get activeTextEditor() { return state.activeTextEditor; },
    get visibleTextEditors() { return state.activeTextEditor ? [state.activeTextEditor] : []; },
    get visibleNotebookEditors() { return []; },
    get tabGroups() { return { all: [], onDidChangeTabs: stub, onDidChangeTabGroups: stub }; },
    onDidChangeActiveTextEditor: state.events.activeEditor.event,
    onDidChangeVisibleTextEditors: state.events.visibleEditors.event,
  }),
  commands: extend(autoNamespace('commands'), {
    registerCommand: (id, fn) => {
      if (state.commands.has(id)) throw new Error(`command '${id}' already exists`);
      state.commands.set(id, fn);
      return new Disposable(() => state.commands.delete(id));
    },
    executeCommand: async (id, ...args) => {
      if (state.commands.has(id)) return state.commands.get(id)(...args);
      state.executed.push([id, ...args]);
      return undefined;
    },
  }),
};

// Any other capitalised name is a class (the client subclasses several); anything else a namespace.
const mock = new Proxy(vscode, {
  get(t, p) {
    if (p in t) return t[p];
    if (typeof p === 'string' && /^[A-Z]/.test(p)) { t[p] = class { constructor(...a) { this.args = a; } }; return t[p]; }
    if (p === 'then' || typeof p === 'symbol') return undefined;
    t[p] = autoNamespace(p);
    return t[p];
  },
});

module.exports = mock;
module.exports.mock = { state, RESTRICTED, MockTextDocument };
