package dev.ftls.core.parse;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroExpansion;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.internal.core.parser.scanner.LocationMap;

/**
 * The macro references nested in each macro expansion of a parse, found in one pass.
 * {@link IASTPreprocessorMacroExpansion#getNestedMacroReferences} walks every macro reference of
 * the file to find one expansion's, so asking it for each expansion took time quadratic in the
 * file's macro calls (a tenth of an edit of a file with a thousand findings). Each list holds what
 * CDT would answer, in its order.
 */
public final class NestedMacroReferences {
  private static final Field REFERENCES = referencesField();

  private static Field referencesField() {
    try {
      Field f = LocationMap.class.getDeclaredField("fMacroReferences");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Every expansion's nested references, by expansion; null when CDT's list could not be read. */
  private final Map<IASTNode, List<IASTName>> byExpansion;

  private NestedMacroReferences(Map<IASTNode, List<IASTName>> byExpansion) {
    this.byExpansion = byExpansion;
  }

  /** The nested references of a parse's expansions, found in one pass when this CDT shows them. */
  public static NestedMacroReferences of(IASTTranslationUnit ast) {
    return new NestedMacroReferences(all(ast));
  }

  /** The references nested in {@code e}, as {@link IASTPreprocessorMacroExpansion#getNestedMacroReferences} gives them. */
  public List<IASTName> in(IASTPreprocessorMacroExpansion e) {
    return byExpansion == null ? Arrays.asList(e.getNestedMacroReferences()) : byExpansion.getOrDefault(e, List.of());
  }

  /** Whether the references were found in one pass (else each expansion is asked). */
  boolean onePass() {
    return byExpansion != null;
  }

  private static Map<IASTNode, List<IASTName>> all(IASTTranslationUnit ast) {
    LocationMap map = REFERENCES == null ? null : ast.getAdapter(LocationMap.class);
    if (map == null) {
      return null;
    }
    List<?> references;
    try {
      references = (List<?>) REFERENCES.get(map);
    } catch (IllegalAccessException | RuntimeException e) {
      return null;
    }
    Map<IASTNode, List<IASTName>> out = new IdentityHashMap<>();
    for (Object o : references) {
      if (o instanceof IASTName name && name.getParent() instanceof IASTPreprocessorMacroExpansion e
          && e.getMacroReference() != name) {
        out.computeIfAbsent(e, k -> new ArrayList<>()).add(name);
      }
    }
    return out;
  }
}
