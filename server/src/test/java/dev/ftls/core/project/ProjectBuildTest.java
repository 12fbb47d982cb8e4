package dev.ftls.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which build settings a source gets, where the project folder is, and the workspace search. */
class ProjectBuildTest {
  @TempDir Path root;

  private static List<String> values(List<BuildFlags.Part> parts) {
    return parts.stream().map(BuildFlags.Part::value).toList();
  }

  private Path write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aListedSourceGetsItsExtensionsSettingsAndAnUnlistedOneEveryIncludeFolderButNoMacros() throws IOException {
    write("setup.py", """
        Extension("a", ["a.c"], include_dirs=["ia"], define_macros=[("A", "1")])
        Extension("b", ["b.c"], include_dirs=["ib"], define_macros=[("B", "1")])
        """);
    write("setup.cfg", "[build_ext]\ndefine = ALL\n");
    ProjectBuild build = new BuildFiles().forFile(root.resolve("a.c"), root);
    BuildFlags a = build.forSource(root.resolve("a.c"));
    assertEquals(List.of(root.resolve("ia").toString()), values(a.includeDirs));
    assertEquals(List.of("A=1", "ALL"), values(a.defines));
    assertEquals(List.of("setup.py", "setup.cfg"), a.sourceNames());
    BuildFlags other = build.forSource(root.resolve("helper.c"));
    assertEquals(List.of(root.resolve("ia").toString(), root.resolve("ib").toString()), values(other.includeDirs));
    assertEquals(List.of("ALL"), values(other.defines));
  }

  @Test
  void theProjectFolderIsTheNearestWithAPythonBuildFileElseTheHighestNativeOne() throws IOException {
    write("CMakeLists.txt", "add_subdirectory(src)\n");
    Path c = write("src/x.c", "");
    write("src/CMakeLists.txt", "include_directories(inc)\n");
    assertEquals(root, BuildFiles.projectFolder(c, root));
    assertEquals(List.of(root.resolve("src/inc").toString()),
        values(new BuildFiles().forFile(c, root).forSource(c).includeDirs));
    write("src/setup.py", "");
    assertEquals(root.resolve("src"), BuildFiles.projectFolder(c, root));
    assertNull(BuildFiles.projectFolder(root.resolve("elsewhere/y.c"), root.resolve("elsewhere")));
  }

  @Test
  void aChangedBuildFileIsReadAgain() throws IOException {
    Path setup = write("setup.py", "Extension('m', ['m.c'], include_dirs=['one'])\n");
    BuildFiles files = new BuildFiles();
    Path m = root.resolve("m.c");
    assertEquals(List.of(root.resolve("one").toString()), values(files.forFile(m, root).forSource(m).includeDirs));
    Files.writeString(setup, "Extension('m', ['m.c'], include_dirs=['two'])\n");
    Files.setLastModifiedTime(setup, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    assertEquals(List.of(root.resolve("two").toString()), values(files.forFile(m, root).forSource(m).includeDirs));
  }

  @Test
  void theWorkspaceSearchTakesOnlyAUniqueSuffixAndSkipsHiddenAndBuildFolders() throws IOException {
    write("lib/pkg/pkg.h", "");
    write("build/pkg/pkg.h", "");
    write(".venv/x/pkg/pkg.h", "");
    write("node_modules/pkg/pkg.h", "");
    write("a/common/util.h", "");
    write("b/common/util.h", "");
    WorkspaceHeaders search = new WorkspaceHeaders();
    WorkspaceHeaders.Match one = search.find(root, "pkg/pkg.h");
    assertEquals(root.resolve("lib"), one.folder());
    assertEquals(List.of("lib/pkg/pkg.h"), one.candidates());
    WorkspaceHeaders.Match two = search.find(root, "common/util.h");
    assertNull(two.folder());
    assertEquals(List.of("a/common/util.h", "b/common/util.h"), two.candidates());
    assertNull(search.find(root, "kg/pkg.h").folder(), "a suffix matches whole path components only");
    assertNull(search.find(root, "../lib/pkg/pkg.h").folder());
    assertTrue(search.find(root, "absent.h").candidates().isEmpty());
  }
}
