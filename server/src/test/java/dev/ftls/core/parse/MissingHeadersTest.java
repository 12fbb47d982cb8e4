package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the include checks said of a path ({@link HeaderProvider.Checks}): a scan's reads share it
 * and do not ask again (its files do not change while it runs); an editor's reads, which have
 * none, see a header as soon as it is created.
 */
class MissingHeadersTest {
  @TempDir Path dir;

  @Test
  void aScansReadsShareWhatTheChecksSaidAnEditorsDoNot() throws Exception {
    String later = dir.resolve("later.h").toString();
    String there = dir.resolve("there.h").toString();
    Files.writeString(Path.of(there), "#define THERE 1\n");
    HeaderProvider.Checks scan = new HeaderProvider.Checks();

    HeaderProvider first = new HeaderProvider(true, Set.of(), scan);
    assertFalse(first.getInclusionExists(later));
    assertNull(first.getContentForInclusion(later, null));
    assertTrue(first.getInclusionExists(there));
    assertNotNull(first.getContentForInclusion(there, null));

    Files.writeString(Path.of(later), "#define LATER 1\n");
    Files.delete(Path.of(there));
    HeaderProvider second = new HeaderProvider(true, Set.of(), scan);
    assertFalse(second.getInclusionExists(later), "a scan does not ask again");
    assertTrue(second.getInclusionExists(there), "a scan does not ask again");

    HeaderProvider editor = new HeaderProvider(true);
    assertTrue(editor.getInclusionExists(later), "an editor's read sees the new header");
    assertNotNull(editor.getContentForInclusion(later, null));
    assertFalse(editor.getInclusionExists(there), "an editor's read sees the header gone");
    assertNull(editor.getContentForInclusion(there, null));
  }
}
