package dev.ftls.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigTest {
  @TempDir Path root;

  @Test
  void nearestPyprojectGivesSettingsWithPathsRelativeToIt() throws IOException {
    Files.createDirectories(root.resolve("pkg/src"));
    Files.writeString(root.resolve("pyproject.toml"), "[tool.ftls]\ntarget = \"3.13\"\n");
    Files.writeString(root.resolve("pkg/pyproject.toml"),
        "[project]\nrequires-python = \">=3.10\"\n[tool.ftls]\ntarget = \"3.13t\"\nincludePaths = [\"include\"]\n");
    ProjectConfig.Loaded l = new ProjectConfig().forFile(root.resolve("pkg/src/a.c"), root);
    assertEquals(root.resolve("pkg/pyproject.toml"), l.file());
    assertEquals("3.13t", l.settings().target.toString());
    assertEquals(List.of(root.resolve("pkg/include").toString()), l.settings().includePaths);
    assertEquals(">=3.10", l.requiresPython());
  }

  @Test
  void userSettingsWinOverTheProjectAndDefaultsFillTheRest() throws IOException {
    Files.writeString(root.resolve("pyproject.toml"), "[tool.ftls]\ntarget = \"3.13\"\nignore = [\"FT101\"]\n");
    Settings user = new Settings();
    user.setTarget("3.14t");
    Settings eff = new ProjectConfig().effective(root.resolve("a.c"), root, user);
    assertEquals("3.14t", eff.target.toString());
    assertTrue(!eff.isEnabled("FT101") && eff.isEnabled("FT001"));
  }

  @Test
  void badValuesAndPythonAreReportedWithTheKey() throws IOException {
    Files.writeString(root.resolve("pyproject.toml"),
        "[tool.ftls]\ntarget = \"three\"\npython = \"/usr/bin/python3\"\nselect = [\"FT1\"]\n");
    ProjectConfig.Loaded l = new ProjectConfig().forFile(root.resolve("x.c"), root);
    String problems = String.join("\n", l.settings().problems);
    assertTrue(problems.contains("pyproject.toml [tool.ftls]: target: \"three\" is not a Python version; "
        + "a target must look like 3.14t"), problems);
    assertTrue(problems.contains("pyproject.toml [tool.ftls]: python: found in a workspace file, which may not name a program"), problems);
    assertNull(l.settings().python);
    assertTrue(l.settings().isEnabled("FT101") && !l.settings().isEnabled("FT001"));
    assertEquals(Target.DEFAULT, l.settings().target);
  }

  @Test
  void brokenTomlIsReportedAndIgnored() throws IOException {
    Files.writeString(root.resolve("pyproject.toml"), "[tool.ftls\ntarget = 1\n");
    ProjectConfig.Loaded l = new ProjectConfig().forFile(root.resolve("x.c"), root);
    assertTrue(l.settings().problems.get(0).contains("line 1"), l.settings().problems.toString());
    assertTrue(l.settings().explicit.isEmpty());
  }
}
