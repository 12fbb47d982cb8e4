package dev.ftls.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonParser;
import dev.ftls.core.source.SourceText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk project index: shards are used only when they match the file's text, settings and
 * path; anything else (stale, malformed, truncated, another file's) is computed again; the cache
 * folder comes from the environment; a folder that cannot be written is a reason, never a crash.
 */
class IndexStoreTest {
  @TempDir Path dir;

  private static final String A = """
      #include <Python.h>
      unsigned int sleep(unsigned int seconds);
      void wait_a_bit(void) { sleep(1); }
      """;
  private static final String B = """
      #include <Python.h>
      void wait_a_bit(void);
      void do_work(void) { wait_a_bit(); }
      """;

  private Path src(String name) {
    return dir.resolve("src").resolve(name);
  }

  private FileSummary summary(String name, String text) {
    return Summaries.of(dir.resolve("src"), name, text);
  }

  /** The shard that holds the summary of {@code file}, found by its content. */
  private static Path shardOf(IndexStore store, Path file) throws IOException {
    try (Stream<Path> s = Files.list(store.folder())) {
      for (Path p : s.filter(x -> x.toString().endsWith(".json")).toList()) {
        String path = JsonParser.parseString(Files.readString(p)).getAsJsonObject().get("path").getAsString();
        if (path.equals(file.toString())) {
          return p;
        }
      }
    }
    throw new AssertionError("no shard for " + file + " in " + store.folder());
  }

  @Test
  void aSavedSummaryComesBackUnchanged() {
    IndexStore store = store();
    FileSummary s = summary("a.c", A);
    assertNull(store.save(s));
    assertEquals(s, store.load(src("a.c"), s.stamp()));
  }

  @Test
  void aStaleStampIsNotUsed() {
    IndexStore store = store();
    FileSummary s = summary("a.c", A);
    store.save(s);
    assertNull(store.load(src("a.c"), Summarizer.stamp(A + "\n", "")));
  }

  /** A store in the test's cache folder. */
  private IndexStore store() {
    return IndexStore.at(dir.resolve("cache"));
  }

  /** Saves the summary of a.c in {@code store}; returns its shard. */
  private Path saveA(IndexStore store, FileSummary a) throws IOException {
    assertNull(store.save(a));
    return shardOf(store, src("a.c"));
  }

  @Test
  void aTruncatedShardIsNotUsedAndIsBuiltAgain() throws IOException {
    IndexStore store = store();
    FileSummary a = summary("a.c", A);
    Path shard = saveA(store, a);
    String json = Files.readString(shard);
    Files.writeString(shard, json.substring(0, json.length() / 2));
    assertNull(store.load(src("a.c"), a.stamp()));
    Files.writeString(shard, "[1, 2, 3]");
    assertNull(store.load(src("a.c"), a.stamp()));
    Files.writeString(shard, "");
    assertNull(store.load(src("a.c"), a.stamp()));
  }

  @Test
  void aShardWithMissingFieldsInsideIsNotUsed() throws IOException {
    IndexStore store = store();
    FileSummary a = summary("a.c", A);
    Path shard = saveA(store, a);
    // the right layout, path and stamp, but a function without its name and calls
    Files.writeString(shard, "{\"format\":" + FileSummary.FORMAT + ",\"path\":" + new Gson().toJson(a.path())
        + ",\"stamp\":\"" + a.stamp() + "\",\"functions\":[{\"line\":3}],\"valueUses\":[],\"multiPhaseDefs\":[]}");
    assertNull(store.load(src("a.c"), a.stamp()));
    Files.writeString(shard, "{\"format\":" + FileSummary.FORMAT + ",\"path\":" + new Gson().toJson(a.path())
        + ",\"stamp\":\"" + a.stamp() + "\",\"functions\":[null],\"valueUses\":[null],\"multiPhaseDefs\":[]}");
    assertNull(store.load(src("a.c"), a.stamp()));
  }

  @Test
  void aShardThatNamesAnotherFileIsNotUsed() throws IOException {
    IndexStore store = store();
    FileSummary a = summary("a.c", A);
    FileSummary b = summary("b.c", A); // same text, so the same stamp
    assertEquals(a.stamp(), b.stamp());
    store.save(b);
    Files.writeString(shardOf(store, src("b.c")), new Gson().toJson(a));
    assertNull(store.load(src("b.c"), b.stamp()));
  }

  @Test
  void theBuilderReadsGoodShardsAndComputesTheRest() throws IOException {
    IndexStore store = store();
    Map<String, String> texts = Map.of("a.c", A, "b.c", B);
    int[] summarized = new int[1];
    IndexBuilder.Summarize summarize = (file, text, stamp) -> {
      summarized[0]++;
      return Summaries.ANALYZER.summarize(new SourceText(file, text), Summaries.flags(dir, file, text),
          Summaries.settings(), stamp);
    };
    for (Map.Entry<String, String> e : texts.entrySet()) {
      Files.createDirectories(src(e.getKey()).getParent());
      Files.writeString(src(e.getKey()), e.getValue());
    }

    ProjectIndex first = new ProjectIndex();
    IndexBuilder b1 = new IndexBuilder(first, store, summarize);
    assertTrue(b1.add(src("a.c"), A, "k"));
    assertTrue(b1.add(src("b.c"), B, "k"));
    assertFalse(b1.add(src("b.c"), B, "k"), "the index has it already");
    assertEquals(2, b1.computed());
    assertEquals(0, b1.fromDisk());
    assertEquals("2 file(s): 0 from the on-disk index, 2 summarized", b1.describe());
    assertTrue(first.canBlock(src("c.c"), "do_work"));

    ProjectIndex second = new ProjectIndex();
    IndexBuilder b2 = new IndexBuilder(second, store, summarize);
    b2.add(src("a.c"), A, "k");
    b2.add(src("b.c"), B, "k");
    assertEquals(0, b2.computed());
    assertEquals(2, b2.fromDisk());
    assertEquals(2, summarized[0]);
    assertTrue(second.canBlock(src("c.c"), "do_work"));

    Files.writeString(shardOf(store, src("a.c")), "{\"format\": 1, \"path\": ");
    IndexBuilder b3 = new IndexBuilder(new ProjectIndex(), store, summarize);
    b3.add(src("a.c"), A, "k");
    b3.add(src("b.c"), B, "k");
    assertEquals(1, b3.computed());
    assertEquals(1, b3.fromDisk());
    // and the shard was written again
    assertNotNull(store.load(src("a.c"), Summarizer.stamp(A, "k")));

    // other compile settings: another stamp, computed again
    IndexBuilder b4 = new IndexBuilder(new ProjectIndex(), store, summarize);
    b4.add(src("a.c"), A, "other-flags");
    assertEquals(1, b4.computed());
  }

  @Test
  void theCacheFolderComesFromTheEnvironment() {
    Path own = dir.resolve("own");
    Path xdg = dir.resolve("xdg");
    Path home = dir.resolve("home");
    assertEquals(own, IndexStore.cacheFolder(Map.of("FTLS_CACHE_DIR", own.toString(),
        "XDG_CACHE_HOME", xdg.toString(), "HOME", home.toString())));
    assertEquals(xdg.resolve("ftls"), IndexStore.cacheFolder(Map.of("XDG_CACHE_HOME", xdg.toString(),
        "HOME", home.toString())));
    assertEquals(home.resolve(".cache").resolve("ftls"), IndexStore.cacheFolder(Map.of("HOME", home.toString())));
    // relative and empty values are ignored
    assertEquals(home.resolve(".cache").resolve("ftls"), IndexStore.cacheFolder(Map.of("FTLS_CACHE_DIR", "cache",
        "XDG_CACHE_HOME", "  ", "HOME", home.toString())));
    assertEquals(xdg.resolve("ftls"), IndexStore.cacheFolder(Map.of("FTLS_CACHE_DIR", "",
        "XDG_CACHE_HOME", xdg.toString(), "HOME", "relative/home")));
    assertNull(IndexStore.cacheFolder(Map.of("HOME", "relative/home")));
    assertNull(IndexStore.cacheFolder(Map.of()));
    assertNull(IndexStore.forWorkspace(dir, Map.of()));
  }

  @Test
  void eachWorkspaceHasItsOwnFolderInTheCache() {
    Map<String, String> env = Map.of("FTLS_CACHE_DIR", dir.resolve("cache").toString());
    Path one = IndexStore.forWorkspace(dir.resolve("one"), env).folder();
    assertTrue(one.startsWith(dir.resolve("cache").resolve("index")), one.toString());
    assertEquals(one, IndexStore.forWorkspace(dir.resolve("one").resolve("sub").resolve(".."), env).folder());
    assertNotEquals(one, IndexStore.forWorkspace(dir.resolve("two"), env).folder());
  }

  @Test
  void aCacheFolderThatCannotBeWrittenIsAReason() throws IOException {
    Path notAFolder = dir.resolve("cache-is-a-file");
    Files.writeString(notAFolder, "not a folder");
    IndexStore store = IndexStore.forWorkspace(dir, Map.of("FTLS_CACHE_DIR", notAFolder.toString()));
    FileSummary a = summary("a.c", A);
    String reason = store.save(a);
    assertNotNull(reason);
    assertTrue(reason.startsWith("the project index could not be saved in "), reason);
    assertNull(store.load(src("a.c"), a.stamp()));
    assertEquals("not a folder", Files.readString(notAFolder, StandardCharsets.UTF_8));

    ProjectIndex index = new ProjectIndex();
    IndexBuilder builder = new IndexBuilder(index, store, (file, text, stamp) -> a);
    builder.add(src("a.c"), A, "");
    assertEquals(reason, builder.saveProblem());
    assertEquals(List.of("wait_a_bit"), index.get(src("a.c")).functions().stream().map(FunctionSummary::name).toList(),
        "the index keeps the summary in memory");
  }
}
