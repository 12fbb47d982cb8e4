package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Edits;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallGraph;
import dev.ftls.core.semantic.CallSite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTElaboratedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTInitializerList;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignatedInitializer;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignator;
import org.eclipse.cdt.core.dom.ast.c.ICASTFieldDesignator;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTDesignatedInitializer;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTDesignator;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTFieldDesignator;

/** FT001: an extension module that does not say whether it supports running without the GIL. */
public final class ModuleWithoutGilDeclaration extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT001",
          "module-without-gil-declaration",
          Severity.WARNING,
          "Extension module does not declare whether it can run without the GIL",
          """
          # FT001 module-without-gil-declaration

          ## What it flags
          An extension module that never says whether it supports the free-threaded build:
          - multi-phase initialization: the `PyModuleDef`'s `m_slots` array has no `Py_mod_gil` slot;
          - the 3.15 module export hook (PEP 793): `PyModExport_<name>` returns a slots array
            (`PySlot` entries or `PyModuleDef_Slot` pairs) without a `Py_mod_gil` slot (no fix:
            add `PySlot_STATIC_DATA(Py_mod_gil, Py_MOD_GIL_NOT_USED)` or the pair yourself);
          - single-phase initialization: the `PyInit_*` function creates the module with
            `PyModule_Create` and never calls `PyUnstable_Module_SetGIL`; also when a helper in
            another file creates it (`return make_module();`, as the project index tells), reported
            on the `PyInit_*` function without a fix, since the declaration belongs in the helper.
          A module that declares `Py_MOD_GIL_USED` gets an information note instead, because the
          interpreter will turn the GIL back on when it is imported.

          ## Why it matters without the GIL
          A free-threaded interpreter (3.13t and later) assumes that a module which is silent about
          the GIL needs it, and re-enables the GIL for the whole process when the module is imported,
          with a RuntimeWarning. Every other thread then loses its parallelism. Declaring support is
          how a module tells the interpreter that it has been audited for thread safety.

          ## Example
          ```c
          static PyModuleDef_Slot spam_slots[] = {
              {Py_mod_exec, spam_exec},
              {0, NULL}
          };
          ```

          ## Use instead
          ```c
          static PyModuleDef_Slot spam_slots[] = {
              {Py_mod_exec, spam_exec},
          #ifdef Py_GIL_DISABLED
              {Py_mod_gil, Py_MOD_GIL_NOT_USED},
          #endif
              {0, NULL}
          };
          ```
          For single-phase initialization, call
          `PyUnstable_Module_SetGIL(m, Py_MOD_GIL_NOT_USED)` inside `#ifdef Py_GIL_DISABLED` right
          after the module is created.

          ## Fix
          Inserts the slot before the `{0, NULL}` terminator, or the guarded `PyUnstable_Module_SetGIL`
          call after the module's creation and its NULL check. The guard keeps the code compiling on
          every Python version. The fix is unsafe, so `ftls check --fix` never applies it: declaring
          support is a claim about the whole module, and on a free-threaded interpreter it changes
          behaviour (the GIL stays off). Apply it (`--unsafe-fixes`, or pick it in the editor) only
          once the module's shared state is protected: fix the other ftls findings first.

          ## What it does not flag
          - a `Py_mod_gil` slot or `PyUnstable_Module_SetGIL` call inside `#ifdef Py_GIL_DISABLED` or
            `#if PY_VERSION_HEX >= 0x030D0000` (both count as declared);
          - targets that are not free-threaded (`target` without `t`): the declaration only matters
            there;
          - a `PyModuleDef` whose use neither this file nor (through the project index) another
            file shows (no `PyModuleDef_Init`, no `PyModule_Create`, no slots array).

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#module-initialization
          - https://py-free-threading.github.io/porting-extensions/
          - https://docs.python.org/3/c-api/module.html#c.Py_mod_gil
          - https://peps.python.org/pep-0793/

          ## Proof
          [FT001-gil-declaration](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT001-gil-declaration)
          shows on a free-threaded CPython what a missing declaration does: the FT301 counter race
          in a module without the slot. Importing it turns the GIL back on for the whole process,
          with a RuntimeWarning, and no update is lost (the race is hidden); `fixed.c` declares
          `Py_MOD_GIL_NOT_USED` and the GIL stays off. See the README, "Race proofs".
          """,
          true);

  public ModuleWithoutGilDeclaration() {
    super(META, CONCERNS);
  }

  private static final Set<String> SINGLE_PHASE_CREATE = Set.of("PyModule_Create", "PyModule_Create2");
  private static final Set<String> MULTI_PHASE_USE =
      Set.of("PyModuleDef_Init", "PyModule_FromDefAndSpec", "PyModule_FromDefAndSpec2");
  private static final Set<String> CONCERNS =
      Set.of("PyUnstable_Module_SetGIL", "Py_mod_gil", "Py_MOD_GIL_USED", "Py_MOD_GIL_NOT_USED",
          "PyModule_Create", "PyModule_Create2", "PyModuleDef_Init", "PyInit", "PyMODEXPORT_FUNC");

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    Set<String> multiPhaseDefs = new HashSet<>();
    for (CallSite c : ctx.calls()) {
      if (MULTI_PHASE_USE.contains(c.name()) && !c.args().isEmpty()) {
        multiPhaseDefs.add(CallGraph.unqualified(Edits.baseName(c.arg(0))));
      }
    }
    List<IASTSimpleDeclaration> decls = ModuleDefinitions.declarations(ctx);
    for (IASTSimpleDeclaration sd : decls) {
      if (ModuleDefinitions.isType(sd.getDeclSpecifier(), "PyModuleDef")) {
        for (IASTDeclarator decl : sd.getDeclarators()) {
          String def = decl.getName().toString();
          checkModuleDef(ctx, decls, decl, multiPhaseDefs.contains(def) || ctx.project().usedForMultiPhaseInit(def));
        }
      }
    }
    for (IASTFunctionDefinition fn : ctx.functions()) {
      String name = fn.getDeclarator().getName().toString();
      if (name.startsWith("PyInit_")) {
        checkSinglePhaseInit(ctx, fn);
      } else if (name.startsWith("PyModExport_") || name.startsWith("PyModExportU_")) {
        checkExportHook(ctx, decls, fn);
      }
    }
  }

  /**
   * The 3.15 module export hook (PEP 793): {@code PyModExport_<name>} returns the module's slots
   * array ({@code PySlot} entries ending in {@code PySlot_END}, or {@code PyModuleDef_Slot} pairs
   * ending in {@code {0, NULL}}); the array must hold a {@code Py_mod_gil} slot. An array this
   * file does not define, or one a PyModuleDef of the file also names (reported there), is left alone.
   */
  private void checkExportHook(RuleContext ctx, List<IASTSimpleDeclaration> decls, IASTFunctionDefinition fn) {
    for (IASTReturnStatement r : dev.ftls.core.semantic.SyntaxWalk.returns(ctx, fn)) {
      if (r.getReturnValue() == null) {
        continue;
      }
      String slots = Edits.baseName(ctx.textOf(r.getReturnValue()));
      IASTDeclarator array = ModuleDefinitions.findArray(decls, slots);
      if (array == null || slotsOfDefs(ctx, decls).contains(slots)) {
        continue;
      }
      String init = ctx.textOf(array.getInitializer());
      IASTNode name = fn.getDeclarator().getName();
      java.util.regex.Matcher gil = java.util.regex.Pattern.compile("\\bPy_mod_gil\\b[^}]*?\\b(Py_MOD_GIL_\\w+)").matcher(init);
      if (gil.find()) {
        if (gil.group(1).equals("Py_MOD_GIL_USED")) {
          ctx.report(finding(ctx, name, "'" + name + "' declares Py_MOD_GIL_USED: the GIL comes back on import",
              "'" + name + "' exports slots that declare Py_MOD_GIL_USED: importing the "
              + "module re-enables the GIL in a free-threaded interpreter", List.of(), Severity.INFORMATION));
        }
        return;
      }
      ctx.report(finding(ctx, name,
          "'" + name + "' has no Py_mod_gil slot: the GIL comes back on import; add Py_mod_gil",
          "'" + name + "' exports the slots '" + slots + "' without a Py_mod_gil slot: a "
          + "free-threaded interpreter will re-enable the GIL when the module is imported", List.of(), Severity.WARNING));
      return;
    }
  }

  /** The slots arrays that the file's PyModuleDefs name in m_slots. */
  private static Set<String> slotsOfDefs(RuleContext ctx, List<IASTSimpleDeclaration> decls) {
    Set<String> out = new HashSet<>();
    for (IASTSimpleDeclaration sd : decls) {
      if (ModuleDefinitions.isType(sd.getDeclSpecifier(), "PyModuleDef")) {
        for (IASTDeclarator decl : sd.getDeclarators()) {
          IASTInitializerList init = ModuleDefinitions.initializerList(decl.getInitializer());
          IASTInitializerClause slots = init == null ? null : ModuleDefinitions.field(init, "m_slots", 5);
          if (slots != null) {
            out.add(Edits.baseName(ctx.textOf(slots)));
          }
        }
      }
    }
    return out;
  }

  private void checkModuleDef(RuleContext ctx, List<IASTSimpleDeclaration> decls, IASTDeclarator decl, boolean usedMultiPhase) {
    IASTInitializerList init = ModuleDefinitions.initializerList(decl.getInitializer());
    if (init == null) {
      return;
    }
    IASTInitializerClause slotsClause = ModuleDefinitions.field(init, "m_slots", 5);
    String slots = slotsClause == null ? null : Edits.baseName(ctx.textOf(slotsClause));
    IASTNode name = decl.getName();
    if (slots == null || slots.equals("NULL") || slots.equals("0") || slots.equals("nullptr")) {
      if (usedMultiPhase) {
        ctx.report(finding(ctx, name,
            "Module '" + moduleName(ctx, init) + "' cannot declare free threading; add m_slots with Py_mod_gil",
            "Module '" + moduleName(ctx, init)
            + "' uses multi-phase initialization without a slots array, so it cannot declare "
            + "free-threading support; add m_slots with a Py_mod_gil slot", List.of(), Severity.WARNING));
      }
      return;
    }
    IASTDeclarator slotsDecl = ModuleDefinitions.findArray(decls, slots);
    if (slotsDecl == null) {
      return;
    }
    IASTInitializerList slotList = ModuleDefinitions.initializerList(slotsDecl.getInitializer());
    if (slotList == null) {
      return;
    }
    IASTInitializerClause sentinel = null;
    for (IASTInitializerClause entry : slotList.getClauses()) {
      if (!(entry instanceof IASTInitializerList pair) || pair.getClauses().length == 0 || !ctx.inFile(pair)) {
        continue;
      }
      String slot = ctx.textOf(pair.getClauses()[0]).strip();
      if (slot.equals("Py_mod_gil")) {
        String value = pair.getClauses().length > 1 ? ctx.textOf(pair.getClauses()[1]).strip() : "";
        if (value.equals("Py_MOD_GIL_USED")) {
          ctx.report(finding(ctx, name,
              "Module '" + moduleName(ctx, init) + "' declares Py_MOD_GIL_USED: the GIL comes back on import",
              "Module '" + moduleName(ctx, init)
              + "' declares Py_MOD_GIL_USED: importing it re-enables the GIL in a free-threaded "
              + "interpreter", List.of(), Severity.INFORMATION));
        }
        return;
      }
      if (slot.equals("0") || slot.equals("NULL")) {
        sentinel = pair;
      }
    }
    IASTNode end = sentinel;
    List<Fix> fixes = ctx.fix(() -> slotFix(ctx, end));
    ctx.report(finding(ctx, name,
        "Module '" + moduleName(ctx, init) + "' has no Py_mod_gil slot: the GIL comes back on import; add it",
        "Module '" + moduleName(ctx, init) + "' has no Py_mod_gil slot: a "
        + "free-threaded interpreter will re-enable the GIL when it is imported", fixes, Severity.WARNING));
  }

  /** Adds the Py_mod_gil slot before the slot table's sentinel, when that stands on a line of its own. */
  private static Fix slotFix(RuleContext ctx, IASTNode sentinel) {
    if (sentinel == null || !Edits.onlySpaceBefore(ctx.text(), ctx.start(sentinel))) {
      return null;
    }
    String nl = Edits.newline(ctx.text());
    String indent = Edits.indentOf(ctx.text(), ctx.start(sentinel));
    int at = Edits.lineStart(ctx.text(), ctx.start(sentinel));
    String text = "#ifdef Py_GIL_DISABLED" + nl + indent + "{Py_mod_gil, Py_MOD_GIL_NOT_USED}," + nl + "#endif" + nl;
    return new Fix(DeclareSupport.title("add the Py_mod_gil slot"), false, List.of(new TextEdit(at, at, text)));
  }

  private void checkSinglePhaseInit(RuleContext ctx, IASTFunctionDefinition init) {
    List<IASTFunctionDefinition> reach = ctx.callGraph().reachable(init);
    CallSite create = null;
    for (IASTFunctionDefinition fn : reach) {
      for (CallSite c : ctx.callsIn(fn)) {
        if (c.name().equals("PyUnstable_Module_SetGIL")) {
          if ("Py_MOD_GIL_USED".equals(c.arg(1))) {
            ctx.report(finding(ctx, init.getDeclarator().getName(),
                "'" + init.getDeclarator().getName() + "' declares Py_MOD_GIL_USED: the GIL comes back on import",
                "'" + init.getDeclarator().getName()
                + "' declares Py_MOD_GIL_USED: importing the module re-enables the GIL in a "
                + "free-threaded interpreter", List.of(), Severity.INFORMATION));
          }
          return;
        }
        if (create == null && SINGLE_PHASE_CREATE.contains(c.name())) {
          create = c;
        }
      }
    }
    if (create == null) {
      checkCreationElsewhere(ctx, init, reach);
      return;
    }
    CallSite created = create;
    List<Fix> fixes = ctx.fix(() -> setGilFix(ctx, created));
    IASTNode name = init.getDeclarator().getName();
    ctx.report(finding(ctx, name,
        "'" + name + "' never calls PyUnstable_Module_SetGIL: the GIL comes back on import; call it",
        "'" + name + "' creates its module without calling "
        + "PyUnstable_Module_SetGIL: a free-threaded interpreter will re-enable the GIL when it is "
        + "imported", fixes, Severity.WARNING));
  }

  /**
   * A module created by a helper in another file ({@code return make_module();}), as the project
   * index tells: reported on the init function, without a fix (the creation is elsewhere), unless
   * some function it calls declares the GIL use.
   */
  private void checkCreationElsewhere(RuleContext ctx, IASTFunctionDefinition init, List<IASTFunctionDefinition> reach) {
    java.nio.file.Path path = ctx.source().path();
    String where = null;
    for (IASTFunctionDefinition fn : reach) {
      for (CallSite c : ctx.callsIn(fn)) {
        if (ctx.callGraph().function(c.name()) != null) {
          continue;
        }
        if (ctx.project().declaresGil(path, c.name())) {
          return;
        }
        if (where == null) {
          String creates = ctx.project().createsModule(path, c.name());
          where = creates == null ? null : creationSite(c.name(), creates);
        }
      }
    }
    if (where != null) {
      IASTNode name = init.getDeclarator().getName();
      ctx.report(finding(ctx, name,
          "'" + name + "' never calls PyUnstable_Module_SetGIL: the GIL comes back on import; call it",
          "'" + name + "' creates its module through " + where + " without calling "
          + "PyUnstable_Module_SetGIL: a free-threaded interpreter will re-enable the GIL when it is "
          + "imported", List.of(), Severity.WARNING));
    }
  }

  /** "make_module() in create.c", or "setup() (make_module() in create.c creates it)" for a deeper helper. */
  private static String creationSite(String called, String creates) {
    int colon = creates.indexOf(": ");
    String file = colon < 0 ? creates : creates.substring(0, colon);
    String fn = colon < 0 ? called : creates.substring(colon + 2);
    return fn.equals(called) ? called + "() in " + file : called + "() (" + fn + "() in " + file + " creates it)";
  }

  /** The fix for single-phase init: the guarded SetGIL call after the creation and NULL check. */
  private Fix setGilFix(RuleContext ctx, CallSite create) {
    IASTStatement stmt = dev.ftls.core.semantic.SyntaxWalk.statementOf(ctx.nodeOf(create));
    if (stmt == null || !(stmt.getParent() instanceof IASTCompoundStatement block) || !ctx.inFile(stmt)) {
      return null;
    }
    String text = ctx.textOf(stmt);
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*" + create.name()).matcher(text);
    if (!m.find()) {
      return null;
    }
    String var = m.group(1);
    IASTStatement after = stmt;
    IASTStatement[] stmts = block.getStatements();
    for (int i = 0; i < stmts.length - 1; i++) {
      if (stmts[i] == stmt && stmts[i + 1] instanceof IASTIfStatement check && ctx.inFile(check)
          && ctx.textOf(check.getConditionExpression()).contains(var)) {
        after = check;
      }
    }
    int at = ctx.end(after);
    String nl = Edits.newline(ctx.text());
    String indent = Edits.indentOf(ctx.text(), ctx.start(stmt));
    String insert = nl + "#ifdef Py_GIL_DISABLED" + nl + indent + "PyUnstable_Module_SetGIL(" + var
        + ", Py_MOD_GIL_NOT_USED);" + nl + "#endif";
    return new Fix(DeclareSupport.title("call PyUnstable_Module_SetGIL"), false,
        List.of(new TextEdit(at, at, insert)));
  }

  private Finding finding(RuleContext ctx, IASTNode name, String brief, String message, List<Fix> fixes, Severity sev) {
    return new Finding(META.id(), sev, brief, message, ctx.start(name), ctx.end(name), fixes);
  }

  private static String moduleName(RuleContext ctx, IASTInitializerList init) {
    IASTInitializerClause n = ModuleDefinitions.field(init, "m_name", 1);
    String s = n == null ? "" : ctx.textOf(n).strip();
    return s.startsWith("\"") && s.endsWith("\"") && s.length() >= 2 ? s.substring(1, s.length() - 1) : s;
  }
}
