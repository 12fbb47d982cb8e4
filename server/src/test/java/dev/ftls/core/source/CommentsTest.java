package dev.ftls.core.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Comment and literal blanking keeps every offset and hides the names inside them. */
class CommentsTest {
  @Test
  void blanksCommentsAndLiteralsButKeepsOffsetsAndLineBreaks() {
    String text = "f(x); // x here\n/* x\n x */ g(\"x // y\", 'x', '\"');\n";
    String blanked = Comments.blanked(text);
    assertEquals(text.length(), blanked.length());
    assertEquals("f(x);          \n    \n      g(\"      \", ' ', ' ');\n", blanked);
  }
}
