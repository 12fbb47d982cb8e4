package dev.ftls.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** setup.cfg, pyproject.toml, meson.build and CMakeLists.txt: what each reads, and what it skips. */
class BuildFileReadersTest {
  private static final Path DIR = Path.of("/proj").toAbsolutePath();

  private static List<String> values(List<BuildFlags.Part> parts) {
    return parts.stream().map(BuildFlags.Part::value).toList();
  }

  private static String at(String rel) {
    return DIR.resolve(rel).normalize().toString();
  }

  @Test
  void setupCfgBuildExtAppliesToTheWholeProject() {
    ProjectBuild b = new ProjectBuild(DIR);
    SetupCfg.read("""
        [metadata]
        name = x
        include_dirs = not/this/section
        [build_ext]
        # a comment
        include_dirs = inc:third/party
            more
        define = A,B
        undef = C
        """, DIR, "setup.cfg", b);
    BuildFlags f = b.units.get(0);
    assertTrue(f.projectWide);
    assertEquals(List.of(at("inc"), at("third/party"), at("more")), values(f.includeDirs));
    assertEquals(List.of("A", "B"), values(f.defines));
    assertEquals(List.of("C"), values(f.undefines));
    assertEquals(new Origin("setup.cfg", 6), f.includeDirs.get(0).origin());
  }

  @Test
  void pyprojectExtModulesAndTheBackend() {
    ProjectBuild b = new ProjectBuild(DIR);
    String backend = PyprojectToml.read("""
        [build-system]
        build-backend = "setuptools.build_meta"
        [tool.setuptools]
        ext-modules = [
          {name = "p._p", sources = ["src/p.c"], include-dirs = ["include"], define-macros = [["X", "1"], ["Y"]], undef-macros = ["Z"], extra-compile-args = ["-Iextra", "-Wall"]},
          "not a table",
        ]
        """, DIR, "pyproject.toml", b);
    assertEquals("setuptools.build_meta", backend);
    BuildFlags p = b.units.get(0);
    assertEquals(List.of(DIR.resolve("src/p.c")), List.copyOf(p.sources));
    assertEquals(List.of(at("include"), at("extra")), values(p.includeDirs));
    assertEquals(List.of("X=1", "Y"), values(p.defines));
    assertEquals(List.of("Z"), values(p.undefines));
    assertEquals(new Origin("pyproject.toml", 4), p.includeDirs.get(0).origin());
    assertEquals(List.of("pyproject.toml:4: ext-modules: an entry that is not a table; skipped"), b.notes());
  }

  @Test
  void pyprojectThatIsNotTomlIsANoteNotAFailure() {
    ProjectBuild b = new ProjectBuild(DIR);
    assertEquals(null, PyprojectToml.read("[tool\n", DIR, "pyproject.toml", b));
    assertTrue(b.units.isEmpty());
    assertEquals(1, b.notes().size());
  }

  @Test
  void mesonIncludeDirectoriesArgsAndSubdirs() {
    ProjectBuild b = new ProjectBuild(DIR);
    List<String> subdirs = new ArrayList<>();
    MesonBuild.read("""
        project('m', 'c')  # include_directories('commented')
        inc = include_directories('include', 'gen')
        flags = ['-DA=1', '-Iextra']
        add_project_arguments('-DB', '-UC', language: 'c')
        py.extension_module('m', 'm.c', include_directories: inc, c_args: flags + ['-DD'],
          cpp_args: get_option('x'))
        message('include_directories(\\'in a string\\')')
        subdir('src')
        """, DIR, "meson.build", b, (d, o) -> subdirs.add(d + "@" + o));
    BuildFlags f = b.units.get(0);
    assertEquals(List.of(at("include"), at("gen"), at("extra")), values(f.includeDirs));
    assertEquals(List.of("B", "A=1", "D"), values(f.defines));
    assertEquals(List.of("C"), values(f.undefines));
    assertEquals(List.of("src@meson.build:8"), subdirs);
    assertEquals(List.of("meson.build:6: cpp_args: get_option('x') is not a literal value ftls can read without"
        + " running the build; skipped"), b.notes());
  }

  @Test
  void cmakeCommandsWithKnownVariablesOnly() {
    ProjectBuild b = new ProjectBuild(DIR.resolve("sub"));
    List<String> subdirs = new ArrayList<>();
    CMakeLists.read("""
        cmake_minimum_required(VERSION 3.15)
        # include_directories(commented)
        include_directories(inc "with space" ${CMAKE_CURRENT_SOURCE_DIR}/gen)
        target_include_directories(ext PRIVATE ${PROJECT_SOURCE_DIR}/top $<BUILD_INTERFACE:x> ${Python_INCLUDE_DIRS})
        add_definitions(-DA -DB=2 -Wall)
        add_compile_definitions(C=3)
        target_compile_definitions(ext PUBLIC D -DE)
        set(X [[include_directories(in_a_bracket)]])
        add_subdirectory(lib)
        """, DIR.resolve("sub"), DIR, "sub/CMakeLists.txt", b, (d, o) -> subdirs.add(d + "@" + o));
    BuildFlags f = b.units.get(0);
    assertEquals(List.of(at("sub/inc"), at("sub/with space"), at("sub/gen"), at("top")), values(f.includeDirs));
    assertEquals(List.of("A", "B=2", "C=3", "D", "E"), values(f.defines));
    assertEquals(List.of("lib@sub/CMakeLists.txt:9"), subdirs);
    String notes = String.join("\n", b.notes());
    assertTrue(notes.contains("sub/CMakeLists.txt:4: target_include_directories: \"$<BUILD_INTERFACE:x>\""), notes);
    assertTrue(notes.contains("\"${Python_INCLUDE_DIRS}\" uses a variable"), notes);
    assertEquals(2, b.notes().size(), notes);
  }
}
