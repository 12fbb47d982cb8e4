package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Target;
import dev.ftls.core.source.SourceText;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroExpansion;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NestedMacroReferencesTest {
  @TempDir Path dir;

  @Test
  void everyExpansionsNestedReferencesAreThoseCdtGivesInItsOrder() {
    String text = """
        #define ONE 1
        #define TWICE(x) ((x) + (x))
        #define WRAP(x) TWICE(x)
        #define PAIR(a, b) (WRAP(a) * TWICE(b))
        int plain = ONE;
        int nested = TWICE(ONE);
        int deeper = PAIR(TWICE(ONE), WRAP(2));
        int again = WRAP(TWICE(PAIR(ONE, ONE)));
        """;
    IASTTranslationUnit ast = new CParser().parse(new SourceText(dir.resolve("nested.c"), text), new CompileFlags(),
        Target.parse("3.14t")).ast();
    NestedMacroReferences all = NestedMacroReferences.of(ast);
    assertTrue(all.onePass(), "this CDT shows its macro references");
    int withSome = 0;
    for (IASTPreprocessorMacroExpansion e : ast.getMacroExpansions()) {
      List<IASTName> cdt = Arrays.asList(e.getNestedMacroReferences());
      assertEquals(cdt, all.in(e), e.getRawSignature());
      withSome += cdt.isEmpty() ? 0 : 1;
    }
    assertEquals(4, ast.getMacroExpansions().length);
    assertTrue(withSome >= 3, "the file has nested references: " + withSome);
  }
}
