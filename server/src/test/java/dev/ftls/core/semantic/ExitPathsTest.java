package dev.ftls.core.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ftls.core.config.Target;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.parse.CParser;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.source.SourceText;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How far a detach or an unlock reaches: to the end of its function, or of a block a jump leaves. */
class ExitPathsTest {
  @TempDir Path dir;

  private static final String TEXT = """
      #define Py_BEGIN_ALLOW_THREADS { int _save = 0;
      #define Py_END_ALLOW_THREADS (void)_save; }
      int before_and_after(int err) {
          if (err) { return 1; }
          Py_BEGIN_ALLOW_THREADS
          err = 2;
          Py_END_ALLOW_THREADS
          if (err) { return 2; }
          return 0;
      }
      int same_block(int err) {
          if (err) {
              Py_BEGIN_ALLOW_THREADS
              err = 3;
              Py_END_ALLOW_THREADS
              return 3;
          }
          return 0;
      }
      int inside_a_loop(int err) {
          while (err) {
              if (err > 1) {
                  Py_BEGIN_ALLOW_THREADS
                  Py_END_ALLOW_THREADS
                  break;
              }
              err--;
          }
          return 0;
      }
      int loop_body(int err) {
          while (err) {
              Py_BEGIN_ALLOW_THREADS
              Py_END_ALLOW_THREADS
              break;
          }
          return 0;
      }
      int enclosing_block(int err) {
          if (err) {
              if (err > 2) {
                  Py_BEGIN_ALLOW_THREADS
                  Py_END_ALLOW_THREADS
              }
              return 4;
          }
          return 0;
      }
      """;

  @Test
  void aMacroCallReachesTheEndOfItsFunctionOrOfTheBlockAJumpLeaves() {
    FileModel ctx = new FileModel(new CParser().parse(new SourceText(dir.resolve("reach.c"), TEXT),
        new CompileFlags(), Target.parse("3.14t")), JsonKnowledgeBase.builtin(), Target.parse("3.14t"));
    List<CallSite> begins = ctx.calls().stream().filter(c -> c.name().equals("Py_BEGIN_ALLOW_THREADS")).toList();
    List<CallSite> ends = ctx.calls().stream().filter(c -> c.name().equals("Py_END_ALLOW_THREADS")).toList();
    assertEquals(5, begins.size(), ctx.calls().toString());
    assertEquals(5, ends.size(), ctx.calls().toString());

    // a jump before the call, and one after it in a block that does not hold it: the function's end
    int fnEnd = TEXT.indexOf("}\nint same_block") + 1;
    assertEquals(fnEnd, ExitPaths.reach(ctx, begins.get(0)));
    assertEquals(fnEnd, ExitPaths.reach(ctx, ends.get(0)));

    // the block of the call ends with a return: the effect ends with that block
    int blockEnd = TEXT.indexOf("return 3;\n    }") + "return 3;\n    }".length();
    assertEquals(blockEnd, ExitPaths.reach(ctx, begins.get(1)));
    assertEquals(blockEnd, ExitPaths.reach(ctx, ends.get(1)));

    // a break out of an if inside a loop: that if's block
    int ifEnd = TEXT.indexOf("break;\n        }") + "break;\n        }".length();
    assertEquals(ifEnd, ExitPaths.reach(ctx, begins.get(2)));

    // a break directly in a loop's body may still reach the code after the loop: the function's end
    int loopFnEnd = TEXT.indexOf("}\nint enclosing_block") + 1;
    assertEquals(loopFnEnd, ExitPaths.reach(ctx, begins.get(3)));

    // a return after the inner block, in the block around it: the inner block's statement is the
    // one the call belongs to, and nothing follows it there, so the function's end
    assertEquals(TEXT.length() - 1, ExitPaths.reach(ctx, begins.get(4)));
  }
}
