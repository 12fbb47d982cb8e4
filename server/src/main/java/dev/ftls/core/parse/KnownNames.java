package dev.ftls.core.parse;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroDefinition;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;

/**
 * The names a parse resolved or could resolve: macros (the headers', the command line's, the
 * file's own), names declared in the file, the prelude or the headers, and names the file uses as
 * values or as types inside its functions. A name outside this set that stands where an attribute
 * goes is an attribute macro whose definition the parser did not see.
 */
final class KnownNames implements Predicate<String> {
  private final Set<String> names = new HashSet<>();

  /**
   * @param unread the file-level code the parser could not read: a name "declared" there is a
   *     misreading (CDT reads {@code ATTR(int) f(void)} as a declaration of ATTR), not known
   */
  KnownNames(IASTTranslationUnit tu, Map<String, String> macros, Set<String> declaredInHeaders,
      List<ParseProblems.Piece> unread) {
    for (String key : macros.keySet()) {
      int paren = key.indexOf('(');
      names.add(paren < 0 ? key : key.substring(0, paren));
    }
    names.addAll(declaredInHeaders);
    for (IASTPreprocessorMacroDefinition def : tu.getMacroDefinitions()) {
      names.add(def.getName().toString());
    }
    tu.accept(new ASTVisitor() {
      {
        shouldVisitNames = true;
      }

      @Override
      public int visit(IASTName name) {
        IASTNode parent = name.getParent();
        if (inside(name, unread)) {
          return PROCESS_CONTINUE;
        }
        if (name.isDeclaration() || parent instanceof IASTIdExpression
            || parent instanceof IASTNamedTypeSpecifier && insideBody(parent)) {
          names.add(name.toString());
        }
        return PROCESS_CONTINUE;
      }
    });
  }

  private static boolean inside(IASTName name, List<ParseProblems.Piece> unread) {
    IASTFileLocation loc = name.getFileLocation();
    if (loc == null) {
      return false;
    }
    int at = loc.getNodeOffset();
    int lo = 0;
    int hi = unread.size() - 1;
    while (lo <= hi) { // the pieces are in file order and do not overlap
      int mid = (lo + hi) >>> 1;
      ParseProblems.Piece p = unread.get(mid);
      if (at < p.offset()) {
        hi = mid - 1;
      } else if (at >= p.end()) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  private static boolean insideBody(IASTNode node) {
    for (IASTNode n = node; n != null; n = n.getParent()) {
      if (n instanceof IASTCompoundStatement) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean test(String name) {
    return names.contains(name);
  }
}
