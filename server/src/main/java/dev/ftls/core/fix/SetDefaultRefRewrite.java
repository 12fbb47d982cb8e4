package dev.ftls.core.fix;

import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.ContainerOrigins;
import dev.ftls.core.semantic.FileModel;
import dev.ftls.core.semantic.FreshResults;
import dev.ftls.core.semantic.Flow;
import dev.ftls.core.semantic.SyntaxWalk;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTStatement;

/**
 * FT305's fix for {@code if (PyDict_SetItem(dict, key, value) < 0) { ...; return NULL; }} where
 * {@code value} holds a new reference built after the lookup: the store becomes
 * {@code PyDict_SetDefaultRef(dict, key, value, &stored)} (tested with {@code < 0}), {@code stored}
 * is declared at the start of the enclosing block, and after the test {@code value} is released and
 * replaced by {@code stored}, so the function owns the same number of references, now to the value
 * the dict holds. Null when the code has any other shape.
 */
public final class SetDefaultRefRewrite {
  private SetDefaultRefRewrite() {}

  private static final String SINCE = "3.13";
  /** Calls after which the built reference is no longer the function's to release. */
  private static final String GIVES_AWAY =
      "Py_X?DECREF|Py_CLEAR|Py_X?SETREF|PyTuple_SET_ITEM|PyTuple_SetItem|PyList_SET_ITEM|PyList_SetItem"
          + "|PyModule_AddObject|PyModule_Add";

  public static Fix plan(FileModel ctx, IASTFunctionDefinition fn, CallSite lookup, CallSite store) {
    String text = ctx.text();
    String value = store.arg(2);
    IASTStatement stmt = SyntaxWalk.statementOf(ctx.nodeOf(store));
    if (!store.name().equals("PyDict_SetItem") || store.args().size() != 3 || !Edits.isIdentifier(value)
        || stmt == null || !ctx.inFile(stmt) || !(stmt.getParent() instanceof IASTCompoundStatement block)
        || !ctx.inFile(block) || text.charAt(store.end() - 1) != ')'
        || !ownsNewReference(ctx, fn, value, lookup.end(), store.start())
        || !(ctx.targetHas(SINCE) || ctx.includesHeader("pythoncapi_compat.h"))) {
      return null;
    }
    String stored = Edits.freshName(text, "stored");
    List<TextEdit> edits = new ArrayList<>();
    edits.add(new TextEdit(store.start(), store.nameEnd(), "PyDict_SetDefaultRef"));
    edits.add(new TextEdit(store.end() - 1, store.end() - 1, ", &" + stored));
    IASTIfStatement test = stmt instanceof IASTIfStatement ifs ? ifs : statusTest(ctx, fn, block, stmt, store, value);
    if (test == null || test.getElseClause() != null || !Flow.alwaysLeaves(test.getThenClause())
        || !errorTest(ctx, test, stmt == test ? store.start() : -1, stmt == test ? store.end() : -1, edits)) {
      return null;
    }
    int open = ctx.start(block);
    IASTStatement[] body = block.getStatements();
    if (text.charAt(open) != '{' || !Edits.onlySpaceAfter(text, open + 1) || body.length == 0
        || !ctx.inFile(body[0]) || !Edits.onlySpaceAfter(text, ctx.end(test))) {
      return null;
    }
    String nl = Edits.newline(text);
    String indent = Edits.indentOf(text, ctx.start(test));
    int declAt = Edits.nextLineStart(text, open + 1);
    edits.add(0, new TextEdit(declAt, declAt, Edits.indentOf(text, ctx.start(body[0])) + "PyObject *" + stored + ";" + nl));
    int after = Edits.nextLineStart(text, ctx.end(test));
    edits.add(new TextEdit(after, after,
        indent + "Py_DECREF(" + value + ");" + nl + indent + value + " = " + stored + ";" + nl));
    Fix fix = new Fix("Insert with PyDict_SetDefaultRef and go on with the value the dict holds (changes behaviour: "
        + "when another thread stored first, the '" + value + "' built here is released and theirs is used; check "
        + "that building it had no effect that must not be lost)", false, edits);
    return CompatShims.adapt(ctx, fix, "PyDict_SetDefaultRef", SINCE);
  }

  /**
   * The error test of a store whose result is kept ({@code status = PyDict_SetItem(...);}): the
   * first later statement of the block that mentions {@code status}, if it is an {@code if}, when
   * nothing between mentions the value and nothing after the test reads {@code status} again (it
   * would see 1, not 0, when the key was there).
   */
  private static IASTIfStatement statusTest(FileModel ctx, IASTFunctionDefinition fn, IASTCompoundStatement block,
      IASTStatement stmt, CallSite store, String value) {
    String text = ctx.text();
    Matcher m = Pattern.compile("\\s*(?:int\\s+)?([A-Za-z_]\\w*)\\s*=\\s*").matcher(text.substring(ctx.start(stmt), store.start()));
    if (!m.matches() || !text.substring(store.end(), ctx.end(stmt)).strip().equals(";")) {
      return null;
    }
    Pattern status = Pattern.compile("\\b" + Pattern.quote(m.group(1)) + "\\b");
    Pattern valueUse = Pattern.compile("\\b" + Pattern.quote(value) + "\\b");
    IASTStatement[] st = block.getStatements();
    for (int i = SyntaxWalk.indexOf(st, stmt) + 1; i < st.length && ctx.inFile(st[i]); i++) {
      String t = ctx.textOf(st[i]);
      if (status.matcher(t).find()) {
        return st[i] instanceof IASTIfStatement test && ctx.inFile(test.getConditionExpression())
            && ctx.textOf(test.getConditionExpression()).strip().matches(Pattern.quote(m.group(1)) + "\\b.*")
            && !status.matcher(text.substring(ctx.end(test.getConditionExpression()), ctx.end(fn))).find()
            ? test : null;
      }
      if (valueUse.matcher(t).find() || SyntaxWalk.containsJump(st[i])) {
        return null;
      }
    }
    return null;
  }

  /**
   * Adds the edits that keep {@code test} an error test once the store returns 1 for "already
   * there": {@code < 0} and {@code == -1} stay, a bare test and {@code != 0} become {@code < 0}.
   * The tested thing is the store call at [from, to), or (from = -1) the status variable the
   * condition starts with.
   */
  private static boolean errorTest(FileModel ctx, IASTIfStatement test, int from, int to, List<TextEdit> edits) {
    String text = ctx.text();
    if (test.getConditionExpression() == null || !ctx.inFile(test.getConditionExpression())) {
      return false;
    }
    int cs = ctx.start(test.getConditionExpression());
    int ce = ctx.end(test.getConditionExpression());
    if (from < 0) {
      Matcher id = Pattern.compile("[A-Za-z_]\\w*").matcher(text).region(cs, ce);
      if (!id.lookingAt()) {
        return false;
      }
      from = cs;
      to = id.end();
    }
    if (from < cs || to > ce || !text.substring(cs, from).isBlank()) {
      return false;
    }
    switch (text.substring(to, ce).replaceAll("\\s", "")) {
      case "<0", "==-1" -> { }
      case "" -> edits.add(new TextEdit(to, to, " < 0"));
      case "!=0" -> edits.add(new TextEdit(to, ce, " < 0"));
      default -> {
        return false;
      }
    }
    return true;
  }


  /**
   * Whether, at the store, the function owns a reference in {@code value}: its last assignment
   * after the lookup is the result of a call that returns a new reference, and nothing since has
   * released it or handed it away.
   */
  private static boolean ownsNewReference(FileModel ctx, IASTFunctionDefinition fn, String value, int from, int to) {
    String between = ctx.text().substring(from, to);
    Matcher m = Pattern.compile("\\b" + Pattern.quote(value) + "\\s*=(?!=)\\s*(?:\\(\\s*PyObject\\s*\\*\\s*\\)\\s*)?"
        + "(?:([A-Za-z_]\\w*)\\s*\\()?").matcher(between);
    String callee = null;
    int lastEnd = -1;
    while (m.find()) {
      callee = m.group(1);
      lastEnd = m.end();
    }
    if (callee == null || !returnsNewReference(ctx, callee)) {
      return false;
    }
    String since = between.substring(lastEnd);
    return !Pattern.compile("\\b(" + GIVES_AWAY + ")\\s*\\([^;]*\\b" + Pattern.quote(value) + "\\b"
        + "|[A-Za-z_\\]]\\s*=\\s*" + Pattern.quote(value) + "\\s*;").matcher(since).find();
  }

  private static boolean returnsNewReference(FileModel ctx, String callee) {
    if (ctx.kb().returnsNewReference(callee)
        || ContainerOrigins.isConstructor(callee)) {
      return true;
    }
    IASTFunctionDefinition def = ctx.callGraph().function(callee);
    return def != null ? FreshResults.of(ctx).returnsFresh(def) : ctx.project().returnsNewObject(ctx.source().path(), callee);
  }
}
