package dev.ftls.core.hover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.kb.Replacement;
import dev.ftls.core.kb.ThreadSafetyLevel;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.RuleRegistry;
import dev.ftls.kbgen.KbGenerator;
import dev.ftls.kbgen.Parsed;
import dev.ftls.kbgen.RefcountsParser;
import dev.ftls.kbgen.RepoRoot;
import dev.ftls.kbgen.StableAbiParser;
import dev.ftls.kbgen.ThreadSafetyParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every name in CPython's three data files (as copied into server/kb-data) has a hover, and the
 * hover states what that file says about it: a fact dropped by the knowledge base generator or by
 * the renderer fails here, naming the entry.
 */
class HoverCoversDataFilesTest {
  private static final KnowledgeBase KB = KnowledgeBase.builtin();
  private static final Set<String> CALLABLE = Set.of("function", "macro");

  private static <T> Map<String, T> parse(String file, Function<String, Parsed<Map<String, T>>> parser)
      throws IOException {
    String text = Files.readString(
        RepoRoot.find().resolve(KbGenerator.INPUT_DIR).resolve(file), StandardCharsets.UTF_8);
    Parsed<Map<String, T>> parsed = parser.apply(text);
    assertEquals(List.of(), parsed.problems(), file + " has lines the parser skipped");
    assertTrue(parsed.value().size() > 50, file + " parsed to almost nothing");
    return parsed.value();
  }

  @Test
  void everyRefcountsFunctionSaysWhatItReturnsAndWhatItSteals() throws IOException {
    check(parse(RefcountsParser.FILE, RefcountsParser::parse), (fn, entry, md, problems) -> {
      expectKind(entry, CALLABLE, problems);
      String ret = fn.returnRefcount();
      if ("+1".equals(ret)) {
        expect(md, "Returns a **new** (strong) reference", problems);
      } else if ("0".equals(ret)) {
        expect(md, "Returns a **borrowed** reference", problems);
      } else if ("null".equals(ret)) {
        expect(md, "Always returns NULL", problems);
      } else if (md.contains("Returns a ")) {
        problems.add("says what it returns although refcounts.dat gives no refcount");
      }
      for (RefcountsParser.Param p : fn.params()) {
        if ("stolen".equals(p.comment())) {
          expect(md, "Steals the reference passed as ", problems);
          expect(md, "`" + p.name() + "`", problems);
        }
      }
    });
  }

  @Test
  void everyThreadSafetyEntryGivesItsLevelAndWhatItMeans() throws IOException {
    check(parse(ThreadSafetyParser.FILE, ThreadSafetyParser::parse), (level, entry, md, problems) -> {
      expectKind(entry, CALLABLE, problems);
      ThreadSafetyLevel l = ThreadSafetyLevel.parse(level);
      expect(md, "- Free-threaded build: **" + level + "**: " + l.meaning() + " " + HoverRenderer.LEVEL_SOURCE + ".\n", problems);
    });
  }

  @Test
  void everyStableAbiNameIsInTheLimitedApiSinceItsVersion() throws IOException {
    check(parse(StableAbiParser.FILE, StableAbiParser::parse), (row, entry, md, problems) -> {
      expectKind(entry, Set.of(row.role().equals("func") ? "function" : row.role()), problems);
      expect(md, "- Limited API: yes, since " + row.added() + ".\n", problems);
      if (row.role().equals("member")) {
        // what the user hovers is the member name after -> or .
        String member = row.name().substring(row.name().indexOf('.') + 1);
        String text = "op->" + member;
        if (!HoverLookup.entry(KB, text, 4, text.length()).equals(Optional.of(entry))) {
          problems.add("hovering '" + member + "' after -> does not find it");
        }
      }
    });
  }

  @Test
  void namesOnlyThe315RowsListAreInTheLimitedApiSince315() throws IOException {
    Map<String, StableAbiParser.Row> abi = parse(StableAbiParser.FILE, StableAbiParser::parse);
    Map<String, StableAbiParser.Row> delta =
        parse(StableAbiParser.DELTA_FILE, t -> StableAbiParser.parse(t, StableAbiParser.DELTA_FILE));
    check(delta, (row, entry, md, problems) -> {
      if (!abi.containsKey(row.name())) {
        expect(md, "- Limited API: yes, since " + row.added() + ".\n", problems);
      }
    });
  }

  @Test
  void namesOutsideTheLimitedApiSaySo() throws IOException {
    Map<String, StableAbiParser.Row> abi = new java.util.HashMap<>(parse(StableAbiParser.FILE, StableAbiParser::parse));
    abi.putAll(parse(StableAbiParser.DELTA_FILE, t -> StableAbiParser.parse(t, StableAbiParser.DELTA_FILE)));
    check(parse(RefcountsParser.FILE, RefcountsParser::parse), (fn, entry, md, problems) -> {
      if (abi.containsKey(entry.name())) {
        return;
      }
      // the line says what stable_abi.dat says; for macros, that the list leaves many out
      expect(md, entry.kind().equals("macro")
          ? "- Limited API: not in CPython's list, which leaves out many macros and types.\n"
          : "- Limited API: not in CPython's list.\n", problems);
    });
  }

  /** The facts of one data file's entry, checked against its hover. */
  private interface Facts<T> {
    void check(T data, ApiEntry entry, String markdown, List<String> problems);
  }

  /**
   * For each name: the entry exists, and its Markdown hover (with the rules that concern it) has
   * the title with its kind, the file's facts, the knowledge base's version, removal, replacement
   * and rules, and a docs.python.org link for the name.
   */
  private static <T> void check(Map<String, T> names, Facts<T> facts) {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, T> e : names.entrySet()) {
      String name = e.getKey();
      ApiEntry entry = KB.get(name).orElse(null);
      if (entry == null) {
        failures.add(name + ": no knowledge base entry");
        continue;
      }
      List<RuleMeta> rules = RuleRegistry.concerning(name, KB);
      String md = HoverRenderer.render(entry, rules, true);
      List<String> problems = new ArrayList<>();
      if (!md.startsWith("**" + name + "** (" + entry.kind() + ")\n")) {
        problems.add("title is not name and kind");
      }
      facts.check(e.getValue(), entry, md, problems);
      if (entry.since() != null) {
        expect(md, "- Added in CPython " + entry.since() + ".\n", problems);
      }
      if (entry.removed() != null) {
        expect(md, "Removed in CPython " + entry.removed() + ".", problems);
      }
      Replacement r = entry.replacement();
      if (r != null) {
        expect(md, "`" + r.name() + "` (" + r.sinceLabel() + ").", problems);
      }
      for (RuleMeta rule : rules) {
        expect(md, "- `" + rule.id() + "`: " + rule.summary() + "\n", problems);
      }
      String q = Pattern.quote(name);
      if (!Pattern.compile("\\n\\[" + q + " on docs\\.python\\.org\\]\\(https://docs\\.python\\.org/3/"
          + "(c-api/[a-z_]+\\.html#c\\." + q + "|search\\.html\\?q=" + q + ")\\)\\n$").matcher(md).find()) {
        problems.add("no docs.python.org link for the name at the end");
      }
      for (String p : problems) {
        failures.add(name + ": " + p);
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " problems, first ones:\n  "
        + String.join("\n  ", failures.subList(0, Math.min(30, failures.size()))));
  }

  private static void expectKind(ApiEntry entry, Set<String> kinds, List<String> problems) {
    if (!kinds.contains(entry.kind())) {
      problems.add("kind " + entry.kind() + ", expected one of " + kinds);
    }
  }

  private static void expect(String md, String part, List<String> problems) {
    if (!md.contains(part)) {
      problems.add("hover lacks \"" + part.strip() + "\"");
    }
  }
}
