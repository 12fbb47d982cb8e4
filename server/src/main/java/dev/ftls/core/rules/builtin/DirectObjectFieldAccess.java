package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.TextEdit;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTNode;

/** FT603: direct access to the internals of CPython objects that other threads can reach. */
public final class DirectObjectFieldAccess extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT603",
          "direct-object-field-access",
          Severity.WARNING,
          "Direct access to CPython object internals",
          """
          # FT603 direct-object-field-access

          ## What it flags
          Field accesses written in the file (not inside CPython's own macros) to object internals:
          - `ob_refcnt` (error): the free-threaded build has no such field; the count is split in two;
          - `ob_item` of lists, `ma_used`, `ma_keys`, `ma_values` of dicts (warning): the container's
            storage, which other threads resize and rewrite under the object's lock;
          - writes to `ob_type` or `ob_size` (warning): use `Py_SET_TYPE` / `Py_SET_SIZE`.

          ## Why it matters without the GIL
          CPython's macros and functions read these fields with the atomics and locks the
          free-threaded build needs. Code that reaches into the struct directly races with other
          threads (a list's `ob_item` array can be reallocated while it is being read) or does not
          compile (`ob_refcnt`).

          ## Example
          ```c
          if (self->ob_refcnt == 1) { ... }
          PyObject *first = ((PyListObject *)list)->ob_item[0];
          ```

          ## Use instead
          `Py_REFCNT(x)`, `PyList_GetItemRef(list, 0)`, `PyDict_GET_SIZE(d)`, `Py_SET_TYPE`,
          `Py_SET_SIZE`.

          ## Fix
          Reading `x->ob_refcnt` becomes `Py_REFCNT(x)` (exactly equivalent in the default build, and
          the only form that compiles in the free-threaded one). A statement `x->ob_type = t;` becomes
          `Py_SET_TYPE(x, t);` and `x->ob_size = n;` becomes `Py_SET_SIZE(x, n);`: the same store in
          the default build, done the supported way in the free-threaded one (both setters exist since
          3.9; for an older `minimumPython` the file gets one definition of each setter for older
          Pythons after its `#include` lines, the plain store it replaced). Reading a
          list's or dict's internals (`ob_item`, `ma_used`, ...) has no automatic fix: the right
          replacement is an API call or a critical section, depending on what the code does with
          the value.

          ## What it does not flag
          - reads of `ob_type` and `ob_size` (what `Py_TYPE` and `Py_SIZE` do);
          - objects created in the same function that no other thread can see yet (filling a new
            list's `ob_item`);
          - `ob_item` of tuples (they do not change once built);
          - field accesses produced by CPython's own macros.

          ## References
          - https://docs.python.org/3/howto/free-threading-extensions.html#general-api-guidelines
          - https://docs.python.org/3/c-api/structures.html

          ## Proof
          [FT603-list-internals](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT603-list-internals)
          runs this race on a free-threaded CPython (a copy of a list's last items read straight from
          its `ob_item` array while other threads pop and append): the copy picks up items that were
          already freed in most trials; read through the list API in a critical section, never.
          `scripts/prove.sh` shows it (README, "Race proofs"). The `ob_refcnt` case needs no proof:
          it does not compile in the free-threaded build.
          """,
          true);

  public DirectObjectFieldAccess() {
    super(META, Set.of("Py_REFCNT", "Py_SET_TYPE", "Py_SET_SIZE"));
  }

  private static final Map<String, Severity> ANY_ACCESS = Map.of(
      "ob_refcnt", Severity.ERROR, "ob_item", Severity.WARNING, "ma_used", Severity.WARNING,
      "ma_keys", Severity.WARNING, "ma_values", Severity.WARNING);
  private static final Map<String, String> WRITE_ONLY = Map.of("ob_type", "Py_SET_TYPE", "ob_size", "Py_SET_SIZE");

  @Override
  public void check(RuleContext ctx) {
    for (IASTFunctionDefinition fn : ctx.functions()) {
      fn.accept(new ASTVisitor(true) {
        @Override
        public int visit(IASTExpression e) {
          if (e instanceof IASTFieldReference ref) {
            inspect(ctx, fn, ref);
          }
          return PROCESS_CONTINUE;
        }
      });
    }
  }

  private void inspect(RuleContext ctx, IASTFunctionDefinition fn, IASTFieldReference ref) {
    String field = ref.getFieldName().toString();
    int at = ctx.nameOffset(ref.getFieldName());
    if (at < 0 || (!ANY_ACCESS.containsKey(field) && !WRITE_ONLY.containsKey(field))) {
      return;
    }
    String ownerText = ownerBefore(ctx.text(), at);
    if (ownerText.isEmpty()) {
      return;
    }
    if (!field.equals("ob_refcnt") && !WRITE_ONLY.containsKey(field) && !isCPythonContainer(ctx, fn, ownerText)) {
      return; // an extension's own struct may have an ob_item field (bitarray does)
    }
    if (ctx.containerOrigins().isPrivate(fn, ownerText, at)
        || ctx.containerOrigins().resolve(fn, ownerText, at).createdHere()) {
      return;
    }
    boolean write = isAssignmentTarget(ref);
    if (WRITE_ONLY.containsKey(field)) {
      if (write) {
        ctx.report(new Finding(META.id(), Severity.WARNING,
            "Direct write to " + field + " races with readers; use " + WRITE_ONLY.get(field),
            "Writing " + field + " directly races with readers "
            + "in the free-threaded build; use " + WRITE_ONLY.get(field), at, at + field.length(),
            ctx.fixes(() -> setterFix(ctx, ref, ownerText, WRITE_ONLY.get(field)))));
      }
      return;
    }
    if (field.equals("ob_item") && ownerText.contains("PyTupleObject")) {
      return;
    }
    List<Fix> fixes = List.of();
    String message;
    if (field.equals("ob_refcnt")) {
      message = "The free-threaded build has no ob_refcnt field (the count is split per thread); use Py_REFCNT("
          + ownerText + ")";
      if (!write && ref.isPointerDereference() && ctx.inFile(ref)) {
        fixes = ctx.fix(() -> new Fix("Use Py_REFCNT", true,
            List.of(new TextEdit(ctx.start(ref), ctx.end(ref), "Py_REFCNT(" + ownerText + ")"))));
      }
    } else {
      message = "Direct access to " + field + " of '" + ownerText + "' races with other threads that resize or "
          + "change the container; use the C API (PyList_GetItemRef, PyDict_GET_SIZE, ...) or a critical section";
    }
    ctx.report(new Finding(META.id(), ANY_ACCESS.get(field),
        (field.equals("ob_refcnt") ? "ob_refcnt does not exist in the free-threaded build; use Py_REFCNT" : "Direct access to " + field + " races with other threads; use the C API or a critical section"),
        message, at, at + field.length(), fixes));
  }

  /**
   * Whether the owner is known to be a CPython list or dict: cast to PyListObject / PyDictObject,
   * or a variable declared with that type in the function.
   */
  private static boolean isCPythonContainer(RuleContext ctx, IASTFunctionDefinition fn, String owner) {
    if (owner.matches("(?s).*\\(\\s*(PyListObject|PyDictObject)\\s*\\*\\s*\\).*")) {
      return true;
    }
    String var = dev.ftls.core.fix.Edits.baseName(owner);
    if (!dev.ftls.core.fix.Edits.isIdentifier(var)) {
      return false;
    }
    return java.util.regex.Pattern.compile("\\b(PyListObject|PyDictObject)\\s*\\*\\s*" + var + "\\b")
        .matcher(ctx.textOf(fn)).find();
  }

  /** The owner expression written before "->field" / ".field" at {@code at}, read backwards. */
  static String ownerBefore(String t, int at) {
    int i = at - 1;
    while (i >= 0 && Character.isWhitespace(t.charAt(i))) {
      i--;
    }
    if (i >= 1 && t.charAt(i) == '>' && t.charAt(i - 1) == '-') {
      i -= 2;
    } else if (i >= 0 && t.charAt(i) == '.') {
      i--;
    } else {
      return "";
    }
    int end = i + 1;
    while (i >= 0) {
      char c = t.charAt(i);
      if (c == ')' || c == ']') {
        int depth = 0;
        while (i >= 0) {
          char d = t.charAt(i);
          if (d == ')' || d == ']') {
            depth++;
          } else if ((d == '(' || d == '[') && --depth == 0) {
            break;
          }
          i--;
        }
        i--;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        i--;
      } else if (c == '>' && i >= 1 && t.charAt(i - 1) == '-') {
        i -= 2;
      } else if (c == '.') {
        i--;
      } else {
        break;
      }
    }
    return t.substring(i + 1, end).strip();
  }

  /**
   * {@code x->ob_type = t;} as a statement becomes {@code Py_SET_TYPE(x, t);} (ob_size likewise):
   * the same store in the default build, the supported one in the free-threaded build. Both setters
   * exist since 3.9; older Pythons get a definition of the setter ({@link dev.ftls.core.fix.CompatShims}).
   */
  private static List<Fix> setterFix(RuleContext ctx, IASTFieldReference ref, String owner, String setter) {
    if (!(ref.getParent() instanceof IASTBinaryExpression b) || b.getOperator() != IASTBinaryExpression.op_assign
        || !(b.getParent() instanceof org.eclipse.cdt.core.dom.ast.IASTExpressionStatement)
        || !ref.isPointerDereference() || !ctx.inFile(b)) {
      return List.of();
    }
    Fix fix = new Fix("Use " + setter, true, List.of(new TextEdit(ctx.start(b), ctx.end(b),
        setter + "(" + owner + ", " + ctx.textOf(b.getOperand2()).strip() + ")")));
    fix = dev.ftls.core.fix.CompatShims.adapt(ctx, fix, setter, "3.9");
    return fix == null ? List.of() : List.of(fix);
  }

  private static boolean isAssignmentTarget(IASTFieldReference ref) {
    IASTNode p = ref.getParent();
    return p instanceof IASTBinaryExpression b && b.getOperand1() == ref
        && b.getOperator() >= IASTBinaryExpression.op_assign && b.getOperator() <= IASTBinaryExpression.op_binaryOrAssign;
  }
}
