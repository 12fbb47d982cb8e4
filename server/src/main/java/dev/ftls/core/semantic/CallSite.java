package dev.ftls.core.semantic;

import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTNode;

/**
 * A call of a function or function-like macro as written in the file (a macro call is seen before
 * it expands, so {@code PyList_GET_ITEM(l, i)} is a call named PyList_GET_ITEM).
 *
 * @param name the called name
 * @param start offset of the first character of the call
 * @param end offset after its closing parenthesis (or after the name for an object-like macro)
 * @param nameEnd offset after the name
 * @param args the arguments as source ranges, split at top-level commas
 * @param node the AST node of the function call; null for a macro call (see FileModel.nodeOf)
 * @param function the function definition that contains the call (null at file scope)
 */
public record CallSite(
    String name,
    int start,
    int end,
    int nameEnd,
    List<Arg> args,
    IASTNode node,
    IASTFunctionDefinition function,
    boolean macro) {

  /** One argument: its text (trimmed) and where it stands. */
  public record Arg(String text, int start, int end) {}

  public String arg(int i) {
    return i < args.size() ? args.get(i).text() : null;
  }
}
