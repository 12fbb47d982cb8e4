package dev.ftls.core.index;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.ftls.core.config.Settings;
import dev.ftls.core.kb.JsonKnowledgeBase;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.FlagsResolver;
import dev.ftls.core.rules.Analyzer;
import dev.ftls.core.source.SourceText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Summaries of small C files written into a folder, parsed as {@code ftls check} parses them with
 * the built-in prelude (no Python headers), and looked up by function name.
 */
final class Summaries {
  static final Analyzer ANALYZER = new Analyzer(JsonKnowledgeBase.builtin());

  private Summaries() {}

  static Settings settings() {
    Settings s = new Settings();
    s.python = "none";
    return s;
  }

  /** The compile settings of a file in {@code root}, as ftls check resolves them. */
  static CompileFlags flags(Path root, Path file, String text) {
    return new FlagsResolver(msg -> { }).resolve(file, text, settings(), root);
  }

  /** Writes {@code text} to {@code dir/name} and summarizes it. */
  static FileSummary of(Path dir, String name, String text) {
    Path file = dir.resolve(name);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CompileFlags flags = flags(dir, file, text);
    FileSummary s = ANALYZER.summarize(new SourceText(file, text), flags, settings(),
        Summarizer.stamp(text, flags.key()));
    assertNotNull(s, name + " could not be summarized");
    return s;
  }

  static FunctionSummary function(FileSummary s, String name) {
    return s.functions().stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no function " + name + " in " + s.functions()));
  }
}
