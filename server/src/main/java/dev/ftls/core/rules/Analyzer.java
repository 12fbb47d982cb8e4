package dev.ftls.core.rules;

import dev.ftls.core.config.Settings;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.parse.CParser;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.ParsedFile;
import dev.ftls.core.source.SourceText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs the rules on one file. The CLI and the language server both call this, so a file gives the
 * same findings in the editor and in CI. It never throws for bad input: an unparsable, binary or
 * huge file, or a rule that fails, becomes an error entry of the result.
 */
public final class Analyzer {
  /** Files larger than this are not analyzed (generated code, amalgamations). */
  public static final int MAX_CHARS = 4 * 1024 * 1024;

  private final KnowledgeBase kb;
  private final List<Rule> rules;
  private final CParser parser = new CParser();

  public Analyzer(KnowledgeBase kb, List<Rule> rules) {
    this.kb = kb;
    this.rules = List.copyOf(rules);
  }

  public Analyzer(KnowledgeBase kb) {
    this(kb, RuleRegistry.all());
  }

  public KnowledgeBase kb() {
    return kb;
  }

  public CParser parser() {
    return parser;
  }

  public FileResult analyze(SourceText src, CompileFlags flags, Settings settings) {
    String refusal = refusal(src.text());
    if (refusal != null) {
      return new FileResult(src, List.of(), "not parsed", List.of(refusal));
    }
    ParsedFile parsed;
    try {
      parsed = parser.parse(src, flags, settings.target);
    } catch (RuntimeException | StackOverflowError e) {
      return new FileResult(src, List.of(), flags.describeSources(), List.of("the parser failed: " + e));
    }
    RuleContext ctx = new RuleContext(parsed, kb, settings.target);
    List<String> errors = new ArrayList<>();
    for (Rule rule : rules) {
      if (!settings.isEnabled(rule.meta().id())) {
        continue;
      }
      try {
        rule.check(ctx);
      } catch (RuntimeException | StackOverflowError e) {
        errors.add("rule " + rule.meta().id() + " failed on this file: " + e);
      }
    }
    Suppressions suppressions = Suppressions.scan(src.text(), src.lines());
    List<Finding> out = new ArrayList<>();
    for (Finding f : ctx.findings()) {
      if (suppressions.suppresses(f.ruleId(), src.lines().line(f.start()))) {
        continue;
      }
      out.add(f.withSeverity(settings.severityFor(f.ruleId(), f.severity())));
    }
    out.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::ruleId));
    return new FileResult(src, out, parsed.includeSource(), errors);
  }

  /** Why a text is not analyzed, or null when it is fine. */
  static String refusal(String text) {
    if (text.length() > MAX_CHARS) {
      return "file not analyzed: it has " + text.length() + " characters, more than the limit of " + MAX_CHARS;
    }
    int probe = Math.min(text.length(), 8192);
    for (int i = 0; i < probe; i++) {
      if (text.charAt(i) == 0) {
        return "file not analyzed: it looks binary (it contains NUL bytes)";
      }
    }
    return null;
  }
}
