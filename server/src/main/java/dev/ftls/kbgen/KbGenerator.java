package dev.ftls.kbgen;

import dev.ftls.core.kb.ApiEntry;
import dev.ftls.core.kb.Replacement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Builds ftls' C API knowledge base from {@code server/kb-data}: CPython's refcounts.dat,
 * threadsafety.dat and stable_abi.dat plus ftls' replacements.json and ftapi.json. Every name in
 * any of them gets one entry; the output is sorted by name so it is the same on every run.
 */
public final class KbGenerator {
  public static final String INPUT_DIR = "server/kb-data";
  public static final String OUTPUT = "server/src/main/resources/dev/ftls/kb/capi.json";
  public static final String REGENERATE_COMMAND =
      "mvn -q -pl server test -Dtest=KbUpToDateTest -Dftls.regenerate=true";

  /**
   * Looks like a macro: a Py prefix word (possibly just "Py"), '_', then upper case
   * (PyList_GET_ITEM, Py_INCREF, Py_CLEAR).
   */
  private static final Pattern MACRO_NAME = Pattern.compile("Py[A-Za-z]*_[A-Z][A-Z0-9_]*");

  private static final Set<String> KINDS = Set.of("function", "macro", "type", "data", "member");

  /**
   * The text of the input files: the five main ones, and the 3.15 stable ABI rows (empty when
   * there are none), which add the names stable_abi.dat does not list yet.
   */
  public record Inputs(
      String refcounts, String threadSafety, String stableAbi, String replacements, String ftapi,
      String stableAbiDelta) {
    public Inputs(String refcounts, String threadSafety, String stableAbi, String replacements, String ftapi) {
      this(refcounts, threadSafety, stableAbi, replacements, ftapi, "");
    }

    public static Inputs read(Path kbData) throws IOException {
      return new Inputs(
          Files.readString(kbData.resolve(RefcountsParser.FILE), StandardCharsets.UTF_8),
          Files.readString(kbData.resolve(ThreadSafetyParser.FILE), StandardCharsets.UTF_8),
          Files.readString(kbData.resolve(StableAbiParser.FILE), StandardCharsets.UTF_8),
          Files.readString(kbData.resolve(KbTables.REPLACEMENTS_FILE), StandardCharsets.UTF_8),
          Files.readString(kbData.resolve(KbTables.FTAPI_FILE), StandardCharsets.UTF_8),
          Files.exists(kbData.resolve(StableAbiParser.DELTA_FILE))
              ? Files.readString(kbData.resolve(StableAbiParser.DELTA_FILE), StandardCharsets.UTF_8)
              : "");
    }
  }

  /** The entries, sorted by name, and every problem found in the inputs (empty when clean). */
  public record Result(List<ApiEntry> entries, List<String> problems) {}

  private KbGenerator() {}

  /** Merges the inputs into entries; never throws on bad data lines, it reports them. */
  public static Result build(Inputs in) {
    List<String> problems = new ArrayList<>();
    Parsed<Map<String, RefcountsParser.Function>> refcounts = RefcountsParser.parse(in.refcounts());
    Parsed<Map<String, String>> safety = ThreadSafetyParser.parse(in.threadSafety());
    Parsed<Map<String, StableAbiParser.Row>> abi = StableAbiParser.parse(in.stableAbi());
    Parsed<Map<String, StableAbiParser.Row>> abiDelta = in.stableAbiDelta().isBlank()
        ? new Parsed<>(Map.of(), List.of())
        : StableAbiParser.parse(in.stableAbiDelta(), StableAbiParser.DELTA_FILE);
    for (Parsed<?> parsed : List.of(refcounts, safety, abi, abiDelta)) {
      parsed.problems().forEach(p -> problems.add(p.toString()));
    }
    // the 3.15 rows only add names: what stable_abi.dat says about a name it lists stands
    Map<String, StableAbiParser.Row> abiRows = new java.util.LinkedHashMap<>(abi.value());
    abiDelta.value().forEach(abiRows::putIfAbsent);
    KbTables tables = KbTables.parse(in.replacements(), in.ftapi());

    Map<String, KbTables.BorrowedRow> borrowed = indexBorrowed(tables, problems);
    Map<String, KbTables.FtApiRow> ftapi = indexFtApi(tables, problems);
    Map<String, KbTables.RemovalRow> removals = indexRemovals(tables, borrowed, problems);
    Map<String, String> since = collectSince(borrowed, ftapi, problems);
    checkBorrowedCoverage(refcounts.value(), borrowed, problems);
    checkSteals(tables.steals(), refcounts.value(), problems);

    Set<String> names = new TreeSet<>();
    names.addAll(refcounts.value().keySet());
    names.addAll(safety.value().keySet());
    names.addAll(abiRows.keySet());
    names.addAll(borrowed.keySet());
    names.addAll(ftapi.keySet());
    names.addAll(since.keySet());
    names.addAll(removals.keySet());

    List<ApiEntry> entries = new ArrayList<>();
    for (String name : names) {
      RefcountsParser.Function fn = refcounts.value().get(name);
      StableAbiParser.Row abiRow = abiRows.get(name);
      KbTables.BorrowedRow row = borrowed.get(name);
      KbTables.FtApiRow ft = ftapi.get(name);
      KbTables.RemovalRow gone = removals.get(name);
      entries.add(
          new ApiEntry(
              name,
              kindOf(name, row, ft, abiRow),
              row != null && row.returns() != null ? row.returns() : returnsOf(fn),
              safety.value().get(name),
              abiRow == null ? null : abiRow.added(),
              row != null && row.replacement() != null
                  ? new Replacement(row.replacement(), row.since(), row.note(), Boolean.TRUE.equals(row.compat()))
                  : gone != null && gone.replacement() != null
                      ? new Replacement(gone.replacement(), gone.since(), gone.note(), Boolean.TRUE.equals(gone.compat()))
                      : null,
              paramsOf(fn, tables.steals().getOrDefault(name, List.of())),
              since.get(name),
              row != null && Boolean.TRUE.equals(row.hazard()),
              row != null ? row.reason() : ft != null ? ft.note() : null,
              row != null && row.removed() != null ? row.removed() : gone != null ? gone.removed() : null));
    }
    return new Result(List.copyOf(entries), List.copyOf(problems));
  }

  /** The capi.json text for the inputs in a kb-data folder; fails listing every input problem. */
  public static String generate(Path kbData) throws IOException {
    Result result = build(Inputs.read(kbData));
    if (!result.problems().isEmpty()) {
      throw new IllegalStateException(
          "kb-data has problems:\n  " + String.join("\n  ", result.problems()));
    }
    return KbJson.write(result.entries());
  }

  /** Writes capi.json. Optional argument: the repository root (default: found from here). */
  public static void main(String[] args) throws IOException {
    Path root = args.length > 0 ? Path.of(args[0]) : RepoRoot.find();
    Path out = root.resolve(OUTPUT);
    Files.createDirectories(out.getParent());
    Files.writeString(out, generate(root.resolve(INPUT_DIR)), StandardCharsets.UTF_8);
    System.out.println("wrote " + out);
  }

  private static Map<String, KbTables.BorrowedRow> indexBorrowed(
      KbTables tables, List<String> problems) {
    Map<String, KbTables.BorrowedRow> rows =
        index(tables.borrowed(), KbTables.BorrowedRow::name, KbTables.REPLACEMENTS_FILE, problems);
    for (KbTables.BorrowedRow row : rows.values()) {
      String where = KbTables.REPLACEMENTS_FILE + ": " + row.name() + ": ";
      if (row.hazard() == null) {
        problems.add(where + "no \"hazard\" decision");
      }
      if (isBlank(row.reason())) {
        problems.add(where + "no \"reason\"");
      }
      if (row.replacement() != null && isBlank(row.note())) {
        problems.add(where + "replacement without a \"note\"");
      }
      if (row.replacement() == null && (row.since() != null || row.note() != null)) {
        problems.add(where + "\"since\"/\"note\" given without a replacement");
      }
      if (row.kind() != null && !KINDS.contains(row.kind())) {
        problems.add(where + "unknown kind '" + row.kind() + "'");
      }
    }
    return rows;
  }

  private static Map<String, KbTables.FtApiRow> indexFtApi(KbTables tables, List<String> problems) {
    Map<String, KbTables.FtApiRow> rows =
        index(tables.ftapi(), KbTables.FtApiRow::name, KbTables.FTAPI_FILE, problems);
    for (KbTables.FtApiRow row : rows.values()) {
      String where = KbTables.FTAPI_FILE + ": " + row.name() + ": ";
      if (row.kind() == null || !KINDS.contains(row.kind())) {
        problems.add(where + "unknown kind '" + row.kind() + "'");
      }
      if (isBlank(row.note())) {
        problems.add(where + "no \"note\"");
      }
    }
    return rows;
  }

  /**
   * The removals table: every row names the version, a note and its source; a borrowed-reference
   * API keeps its removal in its own row, so a name in both tables is reported (one place per fact).
   */
  private static Map<String, KbTables.RemovalRow> indexRemovals(
      KbTables tables, Map<String, KbTables.BorrowedRow> borrowed, List<String> problems) {
    Map<String, KbTables.RemovalRow> rows =
        index(tables.removals(), KbTables.RemovalRow::name, KbTables.REPLACEMENTS_FILE + " removals", problems);
    for (KbTables.RemovalRow row : rows.values()) {
      String where = KbTables.REPLACEMENTS_FILE + " removals: " + row.name() + ": ";
      if (isBlank(row.removed()) || isBlank(row.note()) || isBlank(row.source())) {
        problems.add(where + "needs \"removed\", \"note\" and \"source\"");
      }
      if (borrowed.containsKey(row.name())) {
        problems.add(where + "also in the borrowed-reference entries; keep its removal there");
      }
    }
    return rows;
  }

  /** Rows by name, sorted; rows without a name or listed twice are reported. */
  private static <T> Map<String, T> index(
      List<T> rows, Function<T, String> nameOf, String file, List<String> problems) {
    Map<String, T> byName = new TreeMap<>();
    for (T row : rows) {
      String name = nameOf.apply(row);
      if (isBlank(name)) {
        problems.add(file + ": entry without a name");
      } else if (byName.putIfAbsent(name, row) != null) {
        problems.add(file + ": " + name + ": listed twice");
      }
    }
    return byName;
  }

  /** The version that added each name: from ftapi.json and from replacements' "since". */
  private static Map<String, String> collectSince(
      Map<String, KbTables.BorrowedRow> borrowed,
      Map<String, KbTables.FtApiRow> ftapi,
      List<String> problems) {
    Map<String, String> since = new TreeMap<>();
    Map<String, String> source = new HashMap<>();
    for (KbTables.FtApiRow row : ftapi.values()) {
      if (row.since() != null) {
        since.put(row.name(), row.since());
        source.put(row.name(), KbTables.FTAPI_FILE);
      }
    }
    for (KbTables.BorrowedRow row : borrowed.values()) {
      if (row.replacement() == null || row.since() == null) {
        continue;
      }
      String previous = since.putIfAbsent(row.replacement(), row.since());
      if (previous != null && !previous.equals(row.since())) {
        problems.add(
            KbTables.REPLACEMENTS_FILE + ": " + row.name() + ": " + row.replacement()
                + " since " + row.since() + ", but " + source.get(row.replacement())
                + " says " + previous);
      }
      source.putIfAbsent(row.replacement(), KbTables.REPLACEMENTS_FILE);
    }
    return since;
  }

  /** Every borrowed-return function must have a decision in replacements.json. */
  private static void checkBorrowedCoverage(
      Map<String, RefcountsParser.Function> refcounts,
      Map<String, KbTables.BorrowedRow> borrowed,
      List<String> problems) {
    for (RefcountsParser.Function fn : refcounts.values()) {
      if ("0".equals(fn.returnRefcount()) && !borrowed.containsKey(fn.name())) {
        problems.add(
            KbTables.REPLACEMENTS_FILE + ": no decision for borrowed-return function " + fn.name());
      }
    }
  }

  private static void checkSteals(
      Map<String, List<String>> steals,
      Map<String, RefcountsParser.Function> refcounts,
      List<String> problems) {
    for (Map.Entry<String, List<String>> e : new TreeMap<>(steals).entrySet()) {
      RefcountsParser.Function fn = refcounts.get(e.getKey());
      if (fn == null) {
        problems.add(KbTables.REPLACEMENTS_FILE + ": steals: unknown function " + e.getKey());
        continue;
      }
      Set<String> params = new HashSet<>();
      fn.params().forEach(p -> params.add(p.name()));
      for (String param : e.getValue()) {
        if (!params.contains(param)) {
          problems.add(
              KbTables.REPLACEMENTS_FILE + ": steals: " + e.getKey() + " has no parameter " + param);
        }
      }
    }
  }

  private static String kindOf(
      String name, KbTables.BorrowedRow row, KbTables.FtApiRow ft, StableAbiParser.Row abi) {
    if (row != null && row.kind() != null) {
      return row.kind();
    }
    if (ft != null && ft.kind() != null) {
      return ft.kind();
    }
    if (abi != null) {
      return abi.role().equals("func") ? "function" : abi.role();
    }
    return MACRO_NAME.matcher(name).matches() ? "macro" : "function";
  }

  private static String returnsOf(RefcountsParser.Function fn) {
    if (fn == null || fn.returnRefcount() == null) {
      return null;
    }
    switch (fn.returnRefcount()) {
      case "0":
        return "borrowed";
      case "+1":
        return "new";
      case "null":
        return "null";
      default:
        return null;
    }
  }

  private static List<ApiEntry.Param> paramsOf(RefcountsParser.Function fn, List<String> stolen) {
    if (fn == null) {
      return List.of();
    }
    List<ApiEntry.Param> params = new ArrayList<>();
    for (RefcountsParser.Param p : fn.params()) {
      boolean steals = stolen.contains(p.name()) || "stolen".equals(p.comment());
      params.add(new ApiEntry.Param(p.name(), p.type(), p.refcount(), steals));
    }
    return params;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
