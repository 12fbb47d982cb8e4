package dev.ftls.core.index;

import dev.ftls.core.semantic.BlockingCalls;
import dev.ftls.core.semantic.CallGraph;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.FileModel;
import dev.ftls.core.semantic.FreshResults;
import dev.ftls.core.semantic.GlobalWrites;
import dev.ftls.core.semantic.HeldLocks;
import dev.ftls.core.semantic.SerializedFunctions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTLinkageSpecification;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTNamespaceDefinition;

/**
 * Computes a file's {@link FileSummary} from its semantic model. Only what the file itself shows
 * goes in (its own lock calls, its own module creation, its own callers' lock state); what other
 * files add is the {@link ProjectIndex}'s business, so a summary never depends on another file.
 */
public final class Summarizer {
  private static final Set<String> MODULE_CREATE = Set.of("PyModule_Create", "PyModule_Create2");
  private static final Set<String> MULTI_PHASE = Set.of("PyModuleDef_Init", "PyModule_FromDefAndSpec",
      "PyModule_FromDefAndSpec2");

  private Summarizer() {}

  /** What a file's summary depends on besides its text: its compile settings and the target. */
  public static String flagsKey(dev.ftls.core.parse.CompileFlags flags, dev.ftls.core.config.Target target) {
    return flags.key() + "|" + target;
  }

  /**
   * What a summary of this text compiled with these settings is stamped with: the XXH64 of the
   * settings (with the summaries' format) and that of the text ({@link ContentHash}), in hex.
   */
  public static String stamp(String text, String flagsKey) {
    byte[] settings = ("ftls-index-" + FileSummary.FORMAT + "\0" + flagsKey).getBytes(StandardCharsets.UTF_8);
    return String.format("%016x%016x", ContentHash.xxh64(settings, 0), ContentHash.xxh64(text.getBytes(StandardCharsets.UTF_8), 0));
  }

  public static FileSummary summarize(FileModel model, String stamp) {
    HeldLocks locks = HeldLocks.fileOnly(model);
    SerializedFunctions serialized = SerializedFunctions.forSummary(model);
    GlobalWrites globalWrites = GlobalWrites.forSummary(model);
    List<GlobalWrites.Write> writes = globalWrites.writes();
    List<FunctionSummary> out = new ArrayList<>();
    for (IASTFunctionDefinition fn : model.functions()) {
      model.checkDeadline();
      List<FunctionSummary.Call> calls = new ArrayList<>();
      int effect = 0;
      boolean blocks = false;
      boolean creates = false;
      boolean gil = false;
      for (CallSite c : model.callsIn(fn)) {
        String n = c.name();
        if (locks.isAcquireCall(n)) {
          effect++;
        } else if (locks.isReleaseCall(n)) {
          effect--;
        }
        blocks |= BlockingCalls.isBlocking(c);
        creates |= MODULE_CREATE.contains(n);
        gil |= n.equals("PyUnstable_Module_SetGIL");
        if (model.kb().get(n).isEmpty() && !n.startsWith("Py") && !n.startsWith("_Py") && !isConstant(model, c)) {
          calls.add(new FunctionSummary.Call(n, locks.heldAt(fn, c.start())));
        }
      }
      Set<String> written = new LinkedHashSet<>();
      for (GlobalWrites.Write w : writes) {
        // judged by the file alone (not by who calls the function), so a summary never depends
        // on the rest of the project
        if (w.function() == fn && w.var().exemption() == null && !w.var().functionStatic() && !w.var().definedElsewhere()
            && !locks.heldAt(fn, w.start())) {
          written.add(w.var().name());
        }
      }
      IASTDeclSpecifier spec = fn.getDeclSpecifier();
      out.add(new FunctionSummary(CallGraph.nameOf(fn),
          spec != null && spec.getStorageClass() == IASTDeclSpecifier.sc_static,
          fn.getFileLocation() == null ? 0 : fn.getFileLocation().getStartingLineNumber(),
          List.copyOf(calls), Integer.signum(effect), blocks, creates, gil, serialized.localRootReason(fn),
          FreshResults.of(model).returnsFresh(fn), List.copyOf(written)));
    }
    Set<String> multiPhase = new TreeSet<>();
    for (CallSite c : model.calls()) {
      if (MULTI_PHASE.contains(c.name()) && c.arg(0) != null) {
        multiPhase.add(CallGraph.unqualified(c.arg(0).replaceAll("^[&(\\s]+|[)\\s]+$", "")));
      }
    }
List<FileSummary.Global> globals = new ArrayList<>();
    for (GlobalWrites.Variable v : globalWrites.exported()) {
      globals.add(new FileSummary.Global(v.name(), v.objectPointer(), v.exemption()));
    }
        return new FileSummary(FileSummary.FORMAT, model.source().path().toString(), stamp, List.copyOf(out),
        List.copyOf(valueUses(model)), List.copyOf(multiPhase), globals);
  }

  /** An object-like macro that is not called ({@code NULL}, {@code LIMIT}): not a call. */
  private static boolean isConstant(FileModel model, CallSite c) {
    if (!c.macro() || c.end() != c.nameEnd()) {
      return false;
    }
    String text = model.text();
    int i = c.end();
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i >= text.length() || text.charAt(i) != '(';
  }

  /**
   * Names of functions (declared at file scope here or in a header, or defined) that the file uses
   * other than by calling them: in a method table, as a callback.
   */
  private static Set<String> valueUses(FileModel model) {
    Set<String> functions = new java.util.HashSet<>();
    collectFunctionNames(model.ast().getDeclarations(), functions);
    Set<String> out = new TreeSet<>();
    if (functions.isEmpty()) {
      return out;
    }
    model.ast().accept(new ASTVisitor() {
      {
        shouldVisitExpressions = true;
      }

      @Override
      public int visit(IASTExpression e) {
        if (e instanceof IASTIdExpression id && functions.contains(id.getName().toString()) && !isCallee(id)
            && model.inFile(id)) {
          out.add(id.getName().toString());
        }
        return PROCESS_CONTINUE;
      }
    });
    return out;
  }

  private static void collectFunctionNames(IASTDeclaration[] decls, Set<String> out) {
    for (IASTDeclaration d : decls) {
      if (d instanceof IASTFunctionDefinition fn) {
        out.add(CallGraph.nameOf(fn));
      } else if (d instanceof IASTSimpleDeclaration sd) {
        for (IASTDeclarator decl : sd.getDeclarators()) {
          if (decl instanceof IASTFunctionDeclarator && decl.getNestedDeclarator() == null) {
            out.add(decl.getName().toString());
          }
        }
      } else if (d instanceof ICPPASTNamespaceDefinition ns) {
        collectFunctionNames(ns.getDeclarations(), out);
      } else if (d instanceof ICPPASTLinkageSpecification link) {
        collectFunctionNames(link.getDeclarations(), out);
      }
    }
  }

  private static boolean isCallee(IASTIdExpression id) {
    IASTNode p = id.getParent();
    IASTNode child = id;
    while (p instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
      child = p;
      p = p.getParent();
    }
    return p instanceof IASTFunctionCallExpression call && call.getFunctionNameExpression() == child;
  }


}
