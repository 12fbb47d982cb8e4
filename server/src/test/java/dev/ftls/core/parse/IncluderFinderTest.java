package dev.ftls.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which source file of a workspace gives a header its context. */
class IncluderFinderTest {
  @TempDir Path root;

  private final IncluderFinder finder = new IncluderFinder();

  private Path write(String relative, String text) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private IncluderFinder.Includer find(Path header, List<String> dirs) {
    return finder.find(header, root, f -> dirs);
  }

  @Test
  void aSourceFileThatIncludesTheHeaderDirectly() throws IOException {
    Path h = write("src/helper.h", "int helper;\n");
    Path c = write("src/mod.c", "#include <Python.h>\n#include \"helper.h\"\n");
    IncluderFinder.Includer inc = find(h, List.of());
    assertEquals(c, inc.source());
    assertEquals(1, inc.chain().size());
    assertEquals("#include \"helper.h\"", Files.readString(c).substring(inc.chain().get(0).lineStart()).lines().findFirst().get());
  }

  @Test
  void throughAnotherHeader() throws IOException {
    Path inner = write("src/inner.h", "int inner;\n");
    Path outer = write("src/outer.h", "#pragma once\n#include \"inner.h\"\n");
    Path c = write("src/mod.c", "#include \"outer.h\"\n");
    IncluderFinder.Includer inc = find(inner, List.of());
    assertEquals(c, inc.source());
    assertEquals(List.of(c, outer), inc.chain().stream().map(IncluderFinder.Link::file).toList());
  }

  @Test
  void throughTheIncludeFoldersOfTheIncluder() throws IOException {
    Path h = write("include/pkg/pkg.h", "int pkg;\n");
    Path c = write("src/mod.c", "#include \"pkg/pkg.h\"\n");
    assertNull(find(h, List.of()), "not next to mod.c, and no include folder names it");
    assertEquals(c, find(h, List.of(root.resolve("include").toString())).source());
  }

  @Test
  void aNameThatResolvesToAnotherFileWithTheSameNameDoesNotCount() throws IOException {
    Path h = write("a/util.h", "int a;\n");
    write("b/util.h", "int b;\n");
    write("b/mod.c", "#include \"util.h\"\n");
    assertNull(find(h, List.of()));
  }

  @Test
  void severalIncludersThePreferredIsInTheHeadersFolderThenTheNearest() throws IOException {
    Path h = write("pkg/core/helper.h", "int helper;\n");
    write("a_far/x/y/mod.c", "#include \"../../../pkg/core/helper.h\"\n");
    Path near = write("pkg/other.c", "#include \"core/helper.h\"\n");
    assertEquals(near, find(h, List.of()).source(), "nearest folder");
    Path same = write("pkg/core/z_last_by_name.c", "#include \"helper.h\"\n");
    assertEquals(same, find(h, List.of()).source(), "the header's own folder wins over nearer names");
    Path sameFirst = write("pkg/core/a_first_by_name.c", "#include \"helper.h\"\n");
    assertEquals(sameFirst, find(h, List.of()).source(), "same folder and distance: the first path");
  }

  @Test
  void aDirectIncluderWinsOverALongerChainInTheSameFolder() throws IOException {
    Path h = write("src/helper.h", "int helper;\n");
    write("src/all.h", "#include \"helper.h\"\n");
    write("src/a.c", "#include \"all.h\"\n");
    Path direct = write("src/b.c", "#include \"helper.h\"\n");
    assertEquals(direct, find(h, List.of()).source());
  }

  @Test
  void noIncluderWhenNoFileIncludesIt() throws IOException {
    Path h = write("src/orphan.h", "int orphan;\n");
    write("src/mod.c", "#include \"other.h\"\n#include <orphan.h>\n");
    assertNull(find(h, List.of()), "a system include is not looked up next to the file");
  }

  @Test
  void aCycleOfHeadersEnds() throws IOException {
    Path a = write("src/a.h", "#include \"b.h\"\n");
    write("src/b.h", "#include \"a.h\"\n");
    assertNull(find(a, List.of()));
  }

  @Test
  void theIndexFollowsChangesOnDisk() throws IOException {
    Path h = write("src/helper.h", "int helper;\n");
    Path c = write("src/mod.c", "#include \"helper.h\"\n");
    assertEquals(c, find(h, List.of()).source());
    Files.writeString(c, "/* no longer */\n");
    Files.setLastModifiedTime(c, FileTime.fromMillis(Files.getLastModifiedTime(c).toMillis() + 5000));
    assertNull(find(h, List.of()), "an includer that stopped including it");
    Path d = write("src/new.c", "#include \"helper.h\"\n");
    assertEquals(d, find(h, List.of()).source(), "a new includer");
    Files.delete(d);
    assertNull(find(h, List.of()), "a deleted includer");
  }

  @Test
  void headersAndSourcesAreToldApartByExtension() {
    for (String h : List.of("a.h", "a.hpp", "a.HH", "a.hxx")) {
      assertEquals(true, IncluderFinder.isHeader(Path.of(h)), h);
    }
    for (String s : List.of("a.c", "a.cpp", "a.txt", "h")) {
      assertEquals(false, IncluderFinder.isHeader(Path.of(s)), s);
    }
  }
}
