package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroExpansion;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.parser.c.GCCScannerExtensionConfiguration;
import org.eclipse.cdt.core.parser.EndOfFileException;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.NullLogService;
import org.eclipse.cdt.core.parser.ParserLanguage;
import org.eclipse.cdt.internal.core.dom.parser.c.CNodeFactory;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;
import org.junit.jupiter.api.Test;

/**
 * The predefined macros are parsed once and shared by every preprocessor started with the same
 * definitions ({@link PredefinedMacros}); each start still behaves as CDT's own: the same tokens,
 * a changed definition parsed anew, a file's own redefinitions kept to its run, and every
 * expansion knowing its definition.
 */
class PredefinedMacrosTest {
  private static Map<String, String> macros(String limit) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("__GNUC__", "12");
    m.put("__GNUC_MINOR__", "2");
    m.put("SQUARE(x)", "((x) * (x))");
    m.put("LIMIT", " " + limit + " ");
    m.put("TWICE(a, ...)", "a a __VA_ARGS__");
    return m;
  }

  private static CPreprocessor start(String text, Map<String, String> macros, boolean shared) {
    ExtendedScannerInfo info = new ExtendedScannerInfo(macros, new String[0], new String[0], new String[0]);
    FileContent content = FileContent.create("/virtual/file.c", text.toCharArray());
    HeaderProvider provider = new HeaderProvider(false);
    GCCScannerExtensionConfiguration config = GCCScannerExtensionConfiguration.getInstance(info);
    return shared
        ? PredefinedMacros.start(content, info, ParserLanguage.C, new NullLogService(), config, provider)
        : new CPreprocessor(content, info, ParserLanguage.C, new NullLogService(), config, provider);
  }

  /** The tokens a preprocessor hands out, each followed by a space but the last. */
  static String tokens(CPreprocessor pp) {
    StringBuilder out = new StringBuilder();
    try {
      while (true) {
        out.append(pp.nextToken().getImage()).append(' ');
      }
    } catch (EndOfFileException e) {
      return out.toString().trim();
    }
  }

  @Test
  void startsShareTheMacrosCdtParsedOnceAndExpandThemAsCdtDoes() {
    assertTrue(PredefinedMacros.sharing(), "this build of CDT has what sharing needs");
    String text = "int a = SQUARE(LIMIT); TWICE(b, c, d)\n";
    CPreprocessor first = start(text, macros("10"), true);
    CPreprocessor second = start(text, macros("10"), true);
    assertSame(first.getMacroDefinitions().get("SQUARE"), second.getMacroDefinitions().get("SQUARE"));
    assertSame(first.getMacroDefinitions().get("LIMIT"), second.getMacroDefinitions().get("LIMIT"));
    String plain = tokens(start(text, macros("10"), false));
    assertEquals("int a = ( ( 10 ) * ( 10 ) ) ; b b c , d", plain);
    assertEquals(plain, tokens(first));
    assertEquals(plain, tokens(second));
  }

  @Test
  void aChangedDefinitionIsParsedAgain() {
    CPreprocessor ten = start("LIMIT", macros("10"), true);
    CPreprocessor twenty = start("LIMIT", macros("20"), true);
    assertNotSame(ten.getMacroDefinitions().get("LIMIT"), twenty.getMacroDefinitions().get("LIMIT"));
    assertEquals("10", tokens(ten));
    assertEquals("20", tokens(twenty));
  }

  @Test
  void aFilesOwnRedefinitionStaysInItsRun() {
    assertEquals("99 SQUARE ( 2 )",
        tokens(start("#undef LIMIT\n#define LIMIT 99\n#undef SQUARE\nLIMIT SQUARE(2)\n", macros("10"), true)));
    assertEquals("10 ( ( 2 ) * ( 2 ) )", tokens(start("LIMIT SQUARE(2)\n", macros("10"), true)));
  }

  @Test
  void everyExpansionKnowsItsDefinition() {
    CPreprocessor pp = start("int a = SQUARE(LIMIT);\n", macros("10"), true);
    IASTTranslationUnit tu = CNodeFactory.getDefault().newTranslationUnit(pp);
    tokens(pp);
    IASTPreprocessorMacroExpansion[] expansions = tu.getMacroExpansions();
    assertEquals(1, expansions.length);
    assertNotNull(expansions[0].getMacroDefinition());
    assertEquals("SQUARE", expansions[0].getMacroDefinition().getName().toString());
    assertEquals(2, expansions[0].getNestedMacroReferences().length + 1, "LIMIT inside it too");
    assertNotNull(expansions[0].getNestedMacroReferences()[0].resolveBinding());
  }

  @Test
  void aLayerFrozenOnceIsPredefinedAsMadeForTheFirstStartAfterTheMacrosBelowIt() {
    Map<String, String> layer = new LinkedHashMap<>();
    layer.put("SQUARE(x)", "((x) * (x))");
    layer.put("LIMIT", "10");
    Map<String, String> frozen = PredefinedMacros.frozen(layer);
    assertSame(frozen, PredefinedMacros.frozen(frozen), "frozen once");
    String text = "int a = SQUARE(LIMIT) + ONE; ONE\n";
    CPreprocessor first = start(text, PredefinedMacros.layered(Map.of("ONE", "1"), frozen), true);
    CPreprocessor second = start(text, PredefinedMacros.layered(Map.of("ONE", "2"), frozen), true);
    Map<String, String> flat = new LinkedHashMap<>(Map.of("ONE", "1"));
    flat.putAll(layer);
    assertEquals(tokens(start(text, flat, false)), tokens(first));
    assertEquals("int a = ( ( 10 ) * ( 10 ) ) + 2 ; 2", tokens(second), "each start its own macros below");
    assertSame(first.getMacroDefinitions().get("SQUARE"), second.getMacroDefinitions().get("SQUARE"));
    // CDT itself, without the shared start, reads the same map as the same macros
    assertEquals(tokens(start(text, flat, false)),
        tokens(start(text, PredefinedMacros.layered(Map.of("ONE", "1"), frozen), false)));
    assertEquals(3, PredefinedMacros.layered(Map.of("ONE", "1"), frozen).size());
  }
}
