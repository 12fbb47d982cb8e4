package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * workspace/executeCommand ftls.showSettings: what a file is analyzed with, as the editors show it
 * (VS Code "ftls: Show Settings", Neovim :FtlsShowSettings, Emacs M-x ftls-show-settings).
 */
class ShowSettingsIT {
  @TempDir Path dir;

  @Test
  void theReportNamesTheCompileSettingsAndTheRulesInEffect() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Files.createDirectories(ws.resolve("inc"));
    Files.writeString(ws.resolve("pyproject.toml"), "[tool.ftls]\ntarget = \"3.13t\"\nignore = [\"FT3\"]\n"
        + "includePaths = [\"inc\"]\ndefines = [\"SPAM=1\"]\n[tool.ftls.per-file-ignores]\n\"spam.c\" = [\"FT101\"]\n");
    Path file = ws.resolve("spam.c");
    Files.copy(JsonRpcClient.repoFile("test-workspaces/demo/spam.c"), file);
    String uri = file.toUri().toString();
    try (JsonRpcClient c = new JsonRpcClient(JsonRpcClient.startServer(dir.resolve("server.log")))) {
      JsonObject init = c.initialize(ws, Map.of("python", "none"));
      JsonObject caps = init.getAsJsonObject("result").getAsJsonObject("capabilities");
      assertEquals("ftls.showSettings",
          caps.getAsJsonObject("executeCommandProvider").getAsJsonArray("commands").get(0).getAsString());
      c.open(uri, "c", Files.readString(file));
      JsonObject r = c.request("workspace/executeCommand", Map.of("command", "ftls.showSettings", "arguments", List.of(uri)));
      String report = r.get("result").getAsString();
      assertTrue(report.startsWith("spam.c (C)\n"), report);
      assertTrue(report.contains("\n  inc  (") && report.contains("\n  SPAM=1  ("), report);
      assertTrue(report.contains("\npyproject.toml: pyproject.toml\n"), report);
      assertTrue(report.contains("\ntarget: 3.13t,"), report);
      assertTrue(report.contains("\nexcluded: no\n"), report);
      String notRun = report.substring(report.indexOf("rules that do not run: "));
      assertTrue(notRun.contains("FT101") && notRun.contains("FT301"), report);
      // a TextDocumentIdentifier works too; a missing argument is InvalidParams
      JsonObject viaObject = c.request("workspace/executeCommand",
          Map.of("command", "ftls.showSettings", "arguments", List.of(Map.of("uri", uri))));
      assertEquals(report, viaObject.get("result").getAsString());
      JsonObject bad = c.request("workspace/executeCommand", Map.of("command", "ftls.showSettings", "arguments", List.of()));
      assertEquals(-32602, bad.getAsJsonObject("error").get("code").getAsInt(), bad.toString());
    }
  }
}
