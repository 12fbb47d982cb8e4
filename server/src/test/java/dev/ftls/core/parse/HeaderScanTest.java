package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.config.Target;
import dev.ftls.core.source.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.model.ILanguage;
import org.eclipse.cdt.core.parser.ExtendedScannerInfo;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.NullLogService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * C headers are read with CDT's preprocessor alone ({@link HeaderScan}): the names they declare
 * are found in its tokens ({@link DeclaredNames}), and they are the names CDT's parser reads off
 * the declarations, checked here against the parser itself on every form of file-level
 * declaration, and the preprocessor's nodes are those of a parse.
 */
class HeaderScanTest {
  @TempDir Path dir;

  /** One of each form of file-level declaration C headers use, after macro expansion. */
  private static final String FORMS = """
      #define API(type) extern __attribute__((visibility("default"))) type
      typedef int myint;
      typedef struct point { int x, y; struct point *next; } point_t, *point_p;
      struct only_tag { int member; };
      struct only_tag;
      union bits { int i; float f; };
      enum color { RED, GREEN = 2 };
      typedef enum { LETTER_A, LETTER_B } letters;
      extern int counter, table[10], *ptr;
      static const char *const names[] = { "a", "b" };
      int (*handler)(int, void *);
      void (*install(int sig, void (*fn)(int)))(int);
      typedef void (*callback_t)(myint value);
      API(point_t *) make_point(int x, int y) __attribute__((nonnull));
      extern int renamed(int) __asm__("other_name");
      __asm__(".symver renamed,renamed@VERSION_1");
      static inline int twice(int v) { int local = v * 2; { int inner; } return local; }
      __extension__ typedef long long quad_t;
      __typeof__(counter) copy_of_counter;
      _Alignas(16) char aligned_buf[32];
      _Static_assert(sizeof(int) == 4, "int");
      int array_init[3] = {1, 2, 3}, after_init;
      myint plain_typedef_use;
      struct point origin = { .x = 0, .next = (struct point *){0} }, *cursor;
      unsigned long long big;
      const myint *volatile constant_ptr;
      int (*matrix)[4];
      long double (*table_of_fns[3])(void);
      typedef struct __attribute__((packed)) { char c; } packed_t;
      """;

  private static final Set<String> DECLARED = Set.of("myint", "point_t", "point_p", "letters", "counter", "table",
      "ptr", "names", "handler", "install", "callback_t", "make_point", "renamed", "twice", "quad_t",
      "copy_of_counter", "aligned_buf", "array_init", "after_init", "plain_typedef_use", "origin", "cursor", "big",
      "constant_ptr", "matrix", "table_of_fns", "packed_t");

  @Test
  void declaredNamesAreThoseCdtsParserReadsOffTheDeclarations() throws Exception {
    Path header = dir.resolve("forms.h");
    Files.writeString(header, FORMS);
    String skeleton = "#include \"" + header + "\"\n";

    HeaderScan.Read scan = scan(skeleton);
    assertEquals(new TreeSet<>(DECLARED), new TreeSet<>(scan.declared()));
    assertEquals(new TreeSet<>(DECLARED), parserDeclared(skeleton), "the parser reads the same names");

    // and the preprocessor's record is a parse's: the same directives and macros
    IASTTranslationUnit parsed = parse(skeleton);
    assertEquals(parsed.getAllPreprocessorStatements().length, scan.tu().getAllPreprocessorStatements().length);
    assertEquals(parsed.getMacroDefinitions().length, scan.tu().getMacroDefinitions().length);
    assertEquals(1, scan.tu().getIncludeDirectives().length);
    assertTrue(scan.tu().getIncludeDirectives()[0].isResolved());
    assertEquals(0, scan.tu().getDeclarations().length, "no declarations are built");
  }

  @Test
  void atomicTypedefsAreFoundWhereCdtsParserCannotReadThem() throws Exception {
    // CDT's C scanner has no keyword for C11's _Atomic (glibc's stdatomic.h is made of these)
    Path header = dir.resolve("atomics.h");
    Files.writeString(header, """
        typedef _Atomic _Bool atomic_flag_like;
        typedef _Atomic int atomic_counter;
        typedef _Atomic(long) atomic_wide;
        _Atomic int shared_count;
        """);
    String skeleton = "#include \"" + header + "\"\n";
    assertEquals(Set.of("atomic_flag_like", "atomic_counter", "atomic_wide", "shared_count"),
        new TreeSet<>(scan(skeleton).declared()));
    assertFalse(parserDeclared(skeleton).contains("atomic_counter"), "were CDT to read these, this test would say so");
  }

  @Test
  void aMacroBombInAHeaderStopsAtTheHeaderBudgetWithItsReason() throws Exception {
    Path header = dir.resolve("bomb.h");
    StringBuilder bomb = new StringBuilder("#define B0 x x x x x x x x x x\n");
    for (int i = 1; i <= 9; i++) {
      bomb.append("#define B").append(i).append(" B").append(i - 1).append(' ').append("B").append(i - 1)
          .append(" B").append(i - 1).append(" B").append(i - 1).append(" B").append(i - 1).append(" B")
          .append(i - 1).append(" B").append(i - 1).append(" B").append(i - 1).append('\n');
    }
    bomb.append("int start = 0;\nB9\n");
    Files.writeString(header, bomb);
    Path file = dir.resolve("uses_bomb.c");
    String text = "#include \"bomb.h\"\nint main(void) { return 0; }\n";
    Files.writeString(file, text);
    ParseFailure failure = assertThrows(ParseFailure.class,
        () -> new CParser().parse(new SourceText(file, text), new CompileFlags(), Target.parse("3.14t")));
    assertTrue(failure.getMessage().contains("its headers and their macros expand to more than"), failure.getMessage());
  }

  @Test
  void macrosInsideBracesAreNotExpandedAndTheBracesTheyHoldStillCount() throws Exception {
    String text = """
        #define BODY_MACRO(x) ((x) + 1)
        #define BEGIN_BLOCK {
        #define END_BLOCK }
        #define END_TWO END_BLOCK END_BLOCK
        #define CLOSE_WITH(x) x }
        static inline int f(int v) { BEGIN_BLOCK return BODY_MACRO(v); END_BLOCK }
        int after_f;
        static inline void g(void) { BEGIN_BLOCK BEGIN_BLOCK END_TWO }
        int after_g;
        static inline void h(void) { BEGIN_BLOCK CLOSE_WITH(;) }
        int after_h;
        struct s { int m[BODY_MACRO(2)]; };
        int after_s, table[BODY_MACRO(3)];
        """;
    Path header = dir.resolve("braces.h");
    Files.writeString(header, text);
    String skeleton = "#include \"" + header + "\"\n";
    HeaderScan.Read read = scan(skeleton);
    assertEquals(parserDeclared(skeleton), new TreeSet<>(read.declared()));
    assertTrue(read.declared().containsAll(List.of("f", "after_f", "g", "after_g", "h", "after_h", "after_s", "table")),
        read.declared().toString());
    // inside braces a macro is not expanded: one that would make a billion tokens costs nothing
    StringBuilder bomb = new StringBuilder("#define B0 x x x x x x x x x x\n");
    for (int i = 1; i <= 9; i++) {
      bomb.append("#define B").append(i).append(String.format(" B%d", i - 1).repeat(8)).append('\n');
    }
    Path bombs = dir.resolve("bomb_in_body.h");
    Files.writeString(bombs, bomb + "static inline void boom(void) { B9 }\nint after_boom;\n");
    HeaderScan.Read unharmed = HeaderScan.read(FileContent.create("/virtual/skeleton.c",
        ("#include \"" + bombs + "\"\n").toCharArray()), info(), new HeaderProvider(true), new ParseControl(10_000));
    assertEquals(Set.of("boom", "after_boom"), unharmed.declared());
  }

  private static HeaderScan.Read scan(String skeleton) {
    return HeaderScan.read(FileContent.create("/virtual/skeleton.c", skeleton.toCharArray()), info(),
        new HeaderProvider(true), new ParseControl(Integer.MAX_VALUE));
  }

  private static IASTTranslationUnit parse(String skeleton) throws Exception {
    return GCCLanguage.getDefault().getASTTranslationUnit(FileContent.create("/virtual/skeleton.c", skeleton.toCharArray()),
        info(), new HeaderProvider(true), null, ILanguage.OPTION_IS_SOURCE_UNIT, new NullLogService());
  }

  /** The names CDT's parser reads off the declarations of the headers (what C++ headers still use). */
  private static Set<String> parserDeclared(String skeleton) throws Exception {
    return new TreeSet<>(CParser.declaredInHeaders(parse(skeleton)));
  }

  private static ExtendedScannerInfo info() {
    Map<String, String> macros = new LinkedHashMap<>(CompilerDefaults.predefinedMacros(false, null));
    return new ExtendedScannerInfo(macros, List.of().toArray(new String[0]), new String[0], new String[0]);
  }
}
