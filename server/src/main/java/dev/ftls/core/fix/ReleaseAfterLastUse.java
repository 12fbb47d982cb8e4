package dev.ftls.core.fix;

import dev.ftls.core.semantic.FileModel;

import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.SyntaxWalk;
import dev.ftls.core.source.Comments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBreakStatement;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTContinueStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclarationStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTDoStatement;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTSwitchStatement;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;

/**
 * FT101's fix for a borrowed result kept in a local variable ({@code item = PyList_GetItem(l, i);}
 * with no increment after it): the strong-reference API, and the matching {@code Py_DECREF} after
 * the variable's last use in its block, plus one before every {@code return}, {@code break} or
 * {@code continue} that leaves the block in between. Safe when that covers every path; when a
 * {@code goto} leaves the block, or a {@code return} uses the variable, the fix is unsafe and its
 * title names the line to finish by hand. No fix when the reference may change owner (stored,
 * returned, passed to a stealing function, increfed, reassigned, its address taken) or the
 * variable is used after the block.
 */
public final class ReleaseAfterLastUse {
  private ReleaseAfterLastUse() {}

  private static final Pattern ASSIGNED =
      Pattern.compile("^(?:PyObject\\s*\\*\\s*)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*$");
  private static final List<String> OWNERSHIP_MACROS = List.of(
      "Py_INCREF", "Py_XINCREF", "Py_DECREF", "Py_XDECREF", "Py_CLEAR", "Py_SETREF", "Py_XSETREF",
      "Py_NewRef", "Py_XNewRef");

  /**
   * FT102's fix, the same plan without a strong-reference API: {@code Py_INCREF(var)} right after
   * the lookup (after its NULL check; {@code Py_XINCREF} without one), and the releases.
   */
  public static Fix increfFix(FileModel ctx, CallSite c) {
    return fix(ctx, c, null);
  }

  /** FT101's fix: {@code repl} (the strong-reference API) in place of the call, and the releases. */
  public static Fix fix(FileModel ctx, CallSite c, String repl) {
    return fix(ctx, c, repl, null);
  }

  /**
   * The same plan with other edits in place of the name swap ({@code swap}: a dict lookup whose
   * strong form takes an out parameter, {@link DictLookupRef}). NULL is then a normal result (an
   * absent key) that the code already handles, so no NULL exit is added.
   */
  public static Fix fix(FileModel ctx, CallSite c, String repl, List<TextEdit> swap) {
    IASTStatement stmt = SyntaxWalk.statementOf(ctx.nodeOf(c));
    if (stmt == null || !(stmt.getParent() instanceof IASTCompoundStatement block) || !ctx.inFile(stmt)
        || !ctx.inFile(block)) {
      return null;
    }
    String text = ctx.text();
    String before = text.substring(ctx.start(stmt), c.start()).strip();
    if (stmt instanceof IASTDeclarationStatement) {
      before = before.replaceFirst("^(static\\s+|const\\s+)*", "");
      if (before.startsWith("static")) {
        return null;
      }
    }
    Matcher m = ASSIGNED.matcher(before);
    if (!m.find() || !text.substring(c.end(), ctx.end(stmt)).strip().equals(";")) {
      return null;
    }
    String var = m.group(1);
    String code = code(ctx);
    Pattern use = Pattern.compile("\\b" + Pattern.quote(var) + "\\b");
    IASTStatement[] stmts = block.getStatements();
    int at = SyntaxWalk.indexOf(stmts, stmt);
    int first = at + 1;
    boolean nonNull = false;
    if (first < stmts.length && stmts[first] instanceof IASTIfStatement check && SyntaxWalk.isNullCheckThatLeaves(ctx, check, var)) {
      nonNull = true;
      first++;
    }
    // values derived from the object (a char * from PyBytes_AsString(x), an item of it) live only as
    // long as it does: their uses count as uses of the variable
    java.util.Set<String> aliases = first < stmts.length
        ? aliases(ctx, code.substring(ctx.start(stmts[first]), ctx.end(block)), var,
            code.substring(ctx.start(c.function()), ctx.end(c.function())))
        : java.util.Set.of();
    if (!aliases.isEmpty()) {
      Pattern derived = Pattern.compile("\\b(" + String.join("|", aliases) + ")\\b");
      if (derived.matcher(code.substring(ctx.end(block), ctx.end(c.function()))).find()) {
        return null; // a derived value outlives the block
      }
      use = Pattern.compile("\\b(" + Pattern.quote(var) + "|" + String.join("|", aliases) + ")\\b");
    }
    int last = first - 1;
    for (int i = first; i < stmts.length; i++) {
      if (!ctx.inFile(stmts[i])) {
        return null;
      }
      if (use.matcher(code.substring(ctx.start(stmts[i]), ctx.end(stmts[i]))).find()) {
        last = i;
      }
    }
    if (!(stmt instanceof IASTDeclarationStatement)) {
      // declared outside the statement: it must not be read after the block
      if (use.matcher(code.substring(ctx.end(block), ctx.end(c.function()))).find()) {
        return null;
      }
    }
    int rangeStart = first <= last ? ctx.start(stmts[first]) : ctx.end(stmts[last]);
    int rangeEnd = ctx.end(stmts[last]);
    Jumps jumps = jumps(stmts, first, last);
    if (escapes(ctx, c, var, code.substring(rangeStart, rangeEnd), rangeStart, rangeEnd) || jumps.label()) {
      return null; // a label: a goto from before the reference was taken could land among the releases
    }
    NullExit.Plan nullExit = null;
    if (repl != null && swap == null && !nonNull && !testedForNull(code.substring(ctx.end(stmt), ctx.end(block)), var)) {
      // the strong API returns NULL where the old code went on without a check (an index gone
      // because the list shrank): leave the way the function's other errors do
      nullExit = NullExit.of(ctx, c, stmt, var);
      if (nullExit == null || !Edits.onlySpaceAfter(text, ctx.end(stmt))) {
        return null;
      }
      nonNull = true;
    }
    String release = (nonNull ? "Py_DECREF(" : "Py_XDECREF(") + var + ");";
    String nl = Edits.newline(text);
    List<TextEdit> edits = new ArrayList<>();
    if (swap != null) {
      edits.addAll(swap);
    } else if (repl != null) {
      edits.add(new TextEdit(c.start(), c.nameEnd(), repl));
      if (nullExit != null) {
        int next = Edits.nextLineStart(text, ctx.end(stmt));
        String lineBreak = next == text.length() && !Edits.endsWithLineBreak(text) ? nl : "";
        edits.add(new TextEdit(next, next, lineBreak + nullExit.check()));
      }
    } else if (last < first) {
      return null; // nothing to protect
    } else {
      int anchor = ctx.end(stmts[first - 1]);
      String incref = (nonNull ? "Py_INCREF(" : "Py_XINCREF(") + var + ");";
      edits.add(Edits.onlySpaceAfter(text, anchor)
          ? new TextEdit(Edits.nextLineStart(text, anchor), Edits.nextLineStart(text, anchor),
              Edits.indentOf(text, ctx.start(stmt)) + incref + nl)
          : new TextEdit(anchor, anchor, " " + incref));
    }
    List<Integer> unfinished = new ArrayList<>();
    for (IASTStatement exit : jumps.exits()) {
      boolean usesVar = use.matcher(code.substring(ctx.start(exit), ctx.end(exit))).find();
      int s = ctx.start(exit);
      String type = usesVar && exit instanceof IASTReturnStatement r && r.getReturnValue() != null
          && ctx.inFile(exit) ? returnType(ctx, c) : null;
      if (type != null) {
        // return f(var): keep the result, release, then return it
        String result = Edits.freshName(ctx.textOf(c.function()), "ret");
        String value = ctx.textOf(((IASTReturnStatement) exit).getReturnValue());
        String indent = Edits.indentOf(text, s);
        boolean ownLines = exit.getParent() instanceof IASTCompoundStatement && Edits.onlySpaceBefore(text, s)
            && !text.substring(0, Edits.lineStart(text, s)).stripTrailing().endsWith(":");
        String sep = ownLines ? nl + indent : " ";
        String body = (type.endsWith("*") ? type : type + " ") + result + " = " + value + ";" + sep + release + sep + "return " + result + ";";
        edits.add(new TextEdit(s, ctx.end(exit), ownLines ? body : "{ " + body + " }"));
        continue;
      }
      if (exit instanceof IASTGotoStatement || usesVar || !ctx.inFile(exit)) {
        unfinished.add(ctx.source().lines().line(ctx.start(exit)) + 1);
        continue;
      }
      if (exit.getParent() instanceof IASTCompoundStatement && Edits.onlySpaceBefore(text, s)) {
        edits.add(new TextEdit(Edits.lineStart(text, s), Edits.lineStart(text, s),
            Edits.indentOf(text, s) + release + nl));
      } else {
        edits.add(new TextEdit(s, s, "{ " + release + " "));
        edits.add(new TextEdit(ctx.end(exit), ctx.end(exit), " }"));
      }
    }
    int after = ctx.end(stmts[last]);
    if (dev.ftls.core.semantic.Flow.leaves(stmts[last])) {
      // the last use leaves the block: nothing runs after it
    } else if (Edits.onlySpaceAfter(text, after)) {
      int next = Edits.nextLineStart(text, after);
      String lineBreak = next == text.length() && !Edits.endsWithLineBreak(text) ? nl : "";
      edits.add(new TextEdit(next, next, lineBreak + Edits.indentOf(text, ctx.start(stmt)) + release + nl));
    } else {
      edits.add(new TextEdit(after, after, " " + release));
    }
    String name = "'" + var + "'";
    String onNull = nullExit == null ? "" : ", leaving like the function's other errors when it is NULL";
    if (nullExit != null && !nullExit.certain()) {
      unfinished.add(0, nullExit.line());
    }
    if (unfinished.isEmpty()) {
      return new Fix(repl != null
          ? "Use " + repl + " (strong reference) and release " + name + " after its last use" + onNull
          : "Take a strong reference to " + name + " after " + c.name() + " and release it after its last use",
          true, edits);
    }
    if (nullExit != null && !nullExit.certain()) {
      return new Fix("Use " + repl + " and release " + name + " after its last use" + onNull
          + " (unsafe: check that the NULL exit after line " + nullExit.line() + " releases what the function holds "
          + "there" + (unfinished.size() > 1 ? ", and release " + name + " yourself before the exits on lines "
          + String.join(", ", unfinished.subList(1, unfinished.size()).stream().map(String::valueOf).toList()) : "")
          + ")", false, edits);
    }
    return new Fix((repl != null ? "Use " + repl : "Take a strong reference to " + name)
        + " and release " + name + " after its last use (unsafe: release it yourself "
        + "before the exit" + (unfinished.size() > 1 ? "s on lines " : " on line ")
        + String.join(", ", unfinished.stream().map(String::valueOf).toList()) + ")", false, edits);
  }

  /**
   * The fallback when ftls cannot place the release: the strong-reference API alone, unsafe, for a
   * result kept in a variable ({@code x = CALL;}) or returned ({@code return CALL;}). The title says
   * what the user takes on: releasing the reference, or callers that now get a new reference.
   */
  public static Fix swapOnly(FileModel ctx, CallSite c, String repl) {
    IASTStatement stmt = SyntaxWalk.statementOf(ctx.nodeOf(c));
    if (stmt == null || !ctx.inFile(stmt)) {
      return null;
    }
    String text = ctx.text();
    String before = text.substring(ctx.start(stmt), c.start()).strip();
    String after = text.substring(c.end(), ctx.end(stmt)).strip();
    List<TextEdit> edit = List.of(new TextEdit(c.start(), c.nameEnd(), repl));
    if (stmt instanceof IASTReturnStatement && before.equals("return") && after.equals(";")) {
      return new Fix("Use " + repl + " (unsafe: the function then returns a new reference; check that every "
          + "caller releases it)", false, edit);
    }
    if (stmt instanceof IASTDeclarationStatement) {
      before = before.replaceFirst("^(const\\s+)*", "");
    }
    Matcher m = ASSIGNED.matcher(before);
    if (m.find() && after.equals(";")) {
      String rest = code(ctx).substring(ctx.end(stmt), ctx.end(c.function()));
      return new Fix("Use " + repl + " (unsafe: '" + m.group(1) + "' then owns a reference; release it on every "
          + "path once it is no longer needed" + (testedForNull(rest, m.group(1)) ? "" : ", and handle NULL: the item can be gone")
          + ")", false, edit);
    }
    return null;
  }

  /** Whether the code tests the variable for NULL itself ({@code if (item)}, {@code item != NULL}, ...). */
  private static boolean testedForNull(String code, String var) {
    String v = Pattern.quote(var);
    return Pattern.compile("(!\\s*|\\bif\\s*\\(\\s*|\\bwhile\\s*\\(\\s*)" + v + "\\s*[)&|?]|!\\s*" + v + "\\b"
        + "|\\b" + v + "\\s*[!=]=|[!=]=\\s*" + v + "\\b|\\b" + v + "\\s*(\\?|&&|\\|\\|)").matcher(code).find();
  }

  /** A call with its arguments, none of them holding parentheses of their own. */
  private static final Pattern FLAT_CALL = Pattern.compile("\\b[A-Za-z_]\\w*\\s*\\(([^();]*)\\)");
  private static final Pattern ADDRESS = Pattern.compile("&\\s*([A-Za-z_]\\w*)\\b");

  /**
   * Pointers a call fills from the object through an out parameter
   * ({@code PyBytes_AsStringAndSize(var, &data, &size)}: {@code data} points into it), except ones
   * declared with a plain number type ({@code size}).
   */
  private static java.util.Set<String> outParameters(String code, String var, String functionText) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    Pattern mentions = Pattern.compile("\\b" + Pattern.quote(var) + "\\b");
    Matcher call = FLAT_CALL.matcher(code);
    while (call.find()) {
      if (!mentions.matcher(call.group(1)).find()) {
        continue;
      }
      Matcher a = ADDRESS.matcher(call.group(1));
      while (a.find()) {
        String name = a.group(1);
        if (!name.equals(var) && !scalar(name, functionText)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /** Whether the function declares the name with a plain number type (a copy, not a pointer). */
  private static boolean scalar(String name, String functionText) {
    return Pattern.compile("\\b" + SCALAR_TYPES + "\\s+(?:[A-Za-z_]\\w*\\s*(?:=[^,;]*)?,\\s*)*"
        + Pattern.quote(name) + "\\b").matcher(functionText).find();
  }

  private static final Pattern ASSIGNMENT = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*=(?!=)([^;]*)");
  /** A call at the start of an expression: a new reference from it is an object of its own. */
  private static final Pattern CALL_START = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
  private static final String SCALAR_TYPES =
      "(?:Py_ssize_t|Py_hash_t|Py_UCS4|int|long|short|size_t|ssize_t|double|float|_Bool|bool|unsigned|signed)";

  /**
   * Names assigned from an expression that mentions the variable (or another such name), except
   * ones the function declares with a plain number type (a copy, not a pointer into the object)
   * and new references returned by a C API call (objects of their own).
   */
  private static java.util.Set<String> aliases(FileModel ctx, String code, String var, String functionText) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>(outParameters(code, var, functionText));
    boolean grew = true;
    while (grew) {
      grew = false;
      Pattern known = Pattern.compile("\\b(" + Pattern.quote(var) + (out.isEmpty() ? "" : "|" + String.join("|", out)) + ")\\b");
      Matcher m = ASSIGNMENT.matcher(code);
      while (m.find()) {
        String name = m.group(1);
        if (name.equals(var) || out.contains(name)) {
          continue;
        }
        boolean mentions = known.matcher(m.group(2)).find();
        boolean scalar = scalar(name, functionText);
        Matcher call = CALL_START.matcher(m.group(2));
        boolean fresh = call.lookingAt() && ctx.kb().returnsNewReference(call.group(1));
        if (mentions && !scalar && !fresh) {
          out.add(name);
          grew = true;
        }
      }
    }
    return out;
  }

  /** Whether the reference may change owner between the call and the last use. */
  private static boolean escapes(FileModel ctx, CallSite c, String var, String region, int from, int to) {
    String v = Pattern.quote(var);
    if (Pattern.compile("&\\s*" + v + "\\b").matcher(region).find()
        || Pattern.compile("(?<![=!<>])=\\s*(\\([^()]*\\)\\s*)?" + v + "\\s*[;,)]").matcher(region).find()
        || Pattern.compile("\\b" + v + "\\s*(=[^=]|\\+\\+|--)").matcher(region).find()
        || Pattern.compile("\\breturn\\s*\\(?\\s*" + v + "\\s*\\)?\\s*;").matcher(region).find()) {
      return true;
    }
    for (CallSite call : ctx.callsIn(c.function())) {
      if (call.start() < from || call.start() >= to) {
        continue;
      }
      for (int i = 0; i < call.args().size(); i++) {
        if (!call.arg(i).strip().equals(var)) {
          continue;
        }
        if (OWNERSHIP_MACROS.contains(call.name())) {
          return true;
        }
        Optional<ApiEntry> e = ctx.kb().get(call.name());
        if (e.isPresent() && i < e.get().params().size() && e.get().params().get(i).stolen()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * What the statements stmts[first..last] hold: the return, goto, break and continue statements
   * that leave the block (a break or continue that ends a loop or switch nested in the range stays
   * inside), and whether there is a label (a goto from outside could land there).
   */
  private record Jumps(List<IASTStatement> exits, boolean label) {}

  private static Jumps jumps(IASTStatement[] stmts, int first, int last) {
    List<IASTStatement> exits = new ArrayList<>();
    boolean[] label = new boolean[1];
    for (int i = Math.max(first, 0); i <= last; i++) {
      IASTStatement top = stmts[i];
      top.accept(new ASTVisitor() {
        {
          shouldVisitStatements = true;
        }

        @Override
        public int visit(IASTStatement st) {
          if (st instanceof IASTReturnStatement || st instanceof IASTGotoStatement) {
            exits.add(st);
          } else if ((st instanceof IASTBreakStatement || st instanceof IASTContinueStatement)
              && !targetInside(st, top)) {
            exits.add(st);
          } else if (st instanceof IASTLabelStatement) {
            label[0] = true;
          }
          return PROCESS_CONTINUE;
        }
      });
    }
    return new Jumps(exits, label[0]);
  }

  /** Whether the loop (or, for break, switch) a break/continue ends lies inside {@code top}. */
  private static boolean targetInside(IASTStatement jump, IASTStatement top) {
    for (IASTNode n = jump.getParent(); n != null; n = n.getParent()) {
      boolean loop = n instanceof IASTForStatement || n instanceof IASTWhileStatement || n instanceof IASTDoStatement;
      if (loop || (jump instanceof IASTBreakStatement && n instanceof IASTSwitchStatement)) {
        return true;
      }
      if (n == top) {
        return false;
      }
    }
    return false;
  }

  private static final Pattern PLAIN_TYPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\s+[A-Za-z_][A-Za-z0-9_]*)*");

  /**
   * The declared return type of the call's function as source text ("PyObject *", "int"), or null
   * when it is not a plain type written in this file (a macro such as PyMODINIT_FUNC, a template).
   */
  private static String returnType(FileModel ctx, CallSite c) {
    IASTFunctionDefinition fn = c.function();
    if (!ctx.inFile(fn.getDeclSpecifier())) {
      return null;
    }
    String spec = ctx.textOf(fn.getDeclSpecifier()).replaceAll("\\b(static|inline|extern|__inline__|__inline)\\b", " ")
        .replaceAll("\\s+", " ").strip();
    if (!PLAIN_TYPE.matcher(spec).matches() || spec.equals("void")) {
      return null;
    }
    IASTDeclarator d = fn.getDeclarator();
    int stars = d.getPointerOperators().length;
    return stars == 0 ? spec : spec + " " + "*".repeat(stars);
  }

  private record Blanked(String text) {}

  /** The file's text with comments and literals blanked (same offsets), made once per file. */
  private static String code(FileModel ctx) {
    return ctx.shared(Blanked.class, x -> new Blanked(Comments.blanked(x.text()))).text();
  }
}
