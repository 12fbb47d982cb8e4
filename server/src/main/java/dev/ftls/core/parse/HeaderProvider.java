package dev.ftls.core.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.index.IIndexFileLocation;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.ISignificantMacros;
import org.eclipse.cdt.internal.core.parser.IMacroDictionary;
import org.eclipse.cdt.internal.core.parser.scanner.CharArray;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContent;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContentProvider;

/**
 * Serves #include'd files to CDT. CDT's own providers need Eclipse's workspace bundle, which is
 * not available outside Eclipse, so headers are read from disk here. In "skip headers" mode every
 * include resolves to nothing (the macro preamble supplies what the headers define). The built-in
 * prelude is always served from the jar under a virtual path. Only regular files within the size
 * cap are read ({@link IncludeGate}); every other file an include names is recorded as skipped.
 */
final class HeaderProvider extends InternalFileContentProvider {
  /** Virtual path under which the bundled prelude is served. */
  static final String PRELUDE_PATH = "/__ftls__/ftls_prelude.h";

  private static final char[] PRELUDE = loadPrelude();
  /** The prelude's text. */
  static final String PRELUDE_TEXT = new String(PRELUDE);
  /**
   * The headers read last, up to {@link #CACHE_CHARS} characters in all: those of a project's
   * beginnings (Python's) are read again by every read of the headers after them, while the rest
   * (a module's own, its generated clinic header) are read by one file or a few.
   */
  private static final Map<String, CachedHeader> CACHE = new java.util.LinkedHashMap<>(256, 0.75f, true);
  /** Characters of header text the cache holds at most: 8 Mi (16 MiB). */
  static final long CACHE_CHARS = 8L << 20;
  private static long cachedChars;

  /**
   * A header as last read: its text as CDT takes it (which remembers the hash CDT computes of it
   * at every include, so that each header is hashed once rather than at every read) and its guard.
   */
  private record CachedHeader(long mtime, long size, CharArray text, String guard, DirectiveWords.Words words) {}

  /** The prelude's directive words. */
  private static final DirectiveWords.Words PRELUDE_WORDS = DirectiveWords.of(PRELUDE);

  /** A file an include named that exists but was not read, and why. */
  record Skipped(String path, String reason, boolean regularFile) {}

  private final boolean readHeaders;
  private final List<Skipped> skipped = new ArrayList<>();
  /**
   * Headers an earlier read (a {@link HeaderLayers layer}) read and recorded whole: one of them
   * included while its whole-file guard is defined yields nothing, so it is served empty instead
   * of being scanned again.
   */
  private final Set<String> readBefore;

  HeaderProvider(boolean readHeaders) {
    this(readHeaders, Set.of());
  }

  HeaderProvider(boolean readHeaders, Set<String> readBefore) {
    this(readHeaders, readBefore, null);
  }

  /** @param checks what the include checks said before, for a scan's reads (null: this read's alone) */
  HeaderProvider(boolean readHeaders, Set<String> readBefore, Checks checks) {
    this.readHeaders = readHeaders;
    this.readBefore = readBefore;
    this.checks = checks != null ? checks : new Checks(new java.util.HashMap<>(), new java.util.HashMap<>());
  }

  /**
   * What {@link IncludeGate#check} said of each path asked for: NOTHING, its Admitted or its
   * Refused. A read asks for each include's file whether it exists and then for its content, an
   * include search tries many folders, and every read after a layer asks again for the headers
   * the layer's includes tried: each ask costs system calls (and a missing file an exception). A
   * scan's reads share one: its files do not change while it runs. An editor's reads ask anew, so
   * that a header created or changed between two edits is seen.
   */
  static final class Checks {
    /** Paths whose answer is kept at most: past that it starts again. */
    static final int MAX = 100_000;
    private final Map<String, Object> said;
    /** Whether a path exists (a header layer asks of folders it did not search, {@link HeaderLayers}). */
    private final Map<String, Boolean> existing;

    /** Shared by the reads of a scan. */
    Checks() {
      this(new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>());
    }

    private Checks(Map<String, Object> said, Map<String, Boolean> existing) {
      this.said = said;
      this.existing = existing;
    }

    /** Whether {@code p} exists, asked once (without an exception for a missing one, unlike Files.exists). */
    boolean exists(java.nio.file.Path p) {
      if (existing.size() >= MAX) {
        existing.clear();
      }
      return existing.computeIfAbsent(p.toString(), k -> p.toFile().exists());
    }

    void clear() {
      said.clear();
      existing.clear();
    }
  }

  private final Checks checks;

  /** The files this provider refused to read, in the order they were asked for. */
  List<Skipped> skipped() {
    return List.copyOf(skipped);
  }

  /** Forgets what an abandoned run of the same parse recorded, before it runs again. */
  void restart() {
    skipped.clear();
    served.clear();
  }

  /** The directive words of each header served with its text, in the order served (again when served again). */
  private final List<DirectiveWords.Words> served = new ArrayList<>();

  /** The directive words of the headers this provider served with their text ({@link DirectiveWords}). */
  List<DirectiveWords.Words> servedWords() {
    return List.copyOf(served);
  }

  @Override
  public boolean getInclusionExists(String path) {
    if (PRELUDE_PATH.equals(path)) {
      return true;
    }
    if (!readHeaders) {
      return false;
    }
    try {
      return check(path) != null;
    } catch (IncludeGate.Refused e) {
      return false;
    }
  }

  private static final Object NOTHING = new Object();

  /**
   * A header's modification time as this provider's check found it (the text it served is of that
   * time or later: a header changed since is read again), else as it is now.
   */
  long mtime(String path) {
    return checks.said.get(path) instanceof IncludeGate.Admitted a ? a.mtime() : Preamble.mtime(path);
  }

  /** {@link IncludeGate#check} of a path, asked once ({@link Checks}). */
  private IncludeGate.Admitted check(String path) throws IncludeGate.Refused {
    Object known = checks.said.get(path);
    if (known == null) {
      try {
        IncludeGate.Admitted admitted = IncludeGate.check(Paths.get(path));
        known = admitted == null ? NOTHING : admitted;
      } catch (IncludeGate.Refused r) {
        known = r;
      } catch (RuntimeException e) {
        known = NOTHING; // not a path this system can name
      }
      if (checks.said.size() >= Checks.MAX) {
        checks.said.clear();
      }
      checks.said.put(path, known);
    }
    if (known instanceof IncludeGate.Refused r) {
      throw r;
    }
    return known == NOTHING ? null : (IncludeGate.Admitted) known;
  }

  @Override
  public InternalFileContent getContentForInclusion(String path, IMacroDictionary macroDictionary) {
    if (PRELUDE_PATH.equals(path)) {
      served.add(PRELUDE_WORDS);
      return (InternalFileContent) FileContent.create(PRELUDE_PATH, PRELUDE);
    }
    if (!readHeaders) {
      return null;
    }
    try {
      CachedHeader h = read(path);
      if (h != null && macroDictionary != null && readBefore.contains(path) && h.guard != null
          && macroDictionary.satisfies(defined(h.guard))) {
        return (InternalFileContent) FileContent.create(path, new char[0]);
      }
      if (h == null) {
        return null;
      }
      served.add(h.words);
      return new InternalFileContent(path, h.text);
    } catch (IncludeGate.Refused r) {
      skipped.add(new Skipped(path, r.getMessage(), r.regularFile()));
      return null;
    }
  }

  @Override
  public InternalFileContent getContentForInclusion(IIndexFileLocation ifl, String astPath) {
    return null;
  }

  /**
   * Reads a header, reusing the last read while its size and modification time are unchanged.
   *
   * @return it, or null when it does not exist or cannot be read
   * @throws IncludeGate.Refused when it exists but is not a regular file or is too large
   */
  private CachedHeader read(String path) throws IncludeGate.Refused {
    IncludeGate.Admitted admitted = check(path);
    if (admitted == null) {
      return null;
    }
    Path p = Paths.get(path);
    CachedHeader cached;
    synchronized (CACHE) {
      cached = CACHE.get(path);
    }
    if (cached != null && cached.mtime == admitted.mtime() && cached.size == admitted.size()) {
      return cached;
    }
    try {
      char[] chars = new String(IncludeGate.read(p), StandardCharsets.UTF_8).toCharArray();
      CachedHeader read = new CachedHeader(admitted.mtime(), admitted.size(), new CharArray(chars), WholeFileGuard.of(chars),
          DirectiveWords.of(chars));
      keep(path, read);
      return read;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Whether the cache holds {@code path}'s text (for tests). */
  static boolean cached(String path) {
    synchronized (CACHE) {
      return CACHE.containsKey(path);
    }
  }

  /** The characters of header text the cache holds (for tests). */
  static long cachedChars() {
    synchronized (CACHE) {
      return cachedChars;
    }
  }

  /** Keeps a header read, forgetting the least recently read ones past {@link #CACHE_CHARS}. */
  private static void keep(String path, CachedHeader read) {
    synchronized (CACHE) {
      CachedHeader old = CACHE.put(path, read);
      cachedChars += read.text.getLength() - (old == null ? 0 : old.text.getLength());
      java.util.Iterator<CachedHeader> oldest = CACHE.values().iterator();
      while (cachedChars > CACHE_CHARS && oldest.hasNext()) {
        CachedHeader h = oldest.next();
        if (h == read) {
          break; // one header larger than the cache is kept alone
        }
        cachedChars -= h.text.getLength();
        oldest.remove();
      }
    }
  }

  /** "NAME is defined", in the form CDT checks against the macros at an include. */
  private static ISignificantMacros defined(String name) {
    char[] chars = name.toCharArray();
    return new ISignificantMacros() {
      @Override
      public boolean accept(IVisitor visitor) {
        return visitor.visitDefined(chars);
      }

      @Override
      public char[] encode() {
        return ("d" + name).toCharArray();
      }
    };
  }

  private static char[] loadPrelude() {
    try (InputStream in = HeaderProvider.class.getResourceAsStream("/dev/ftls/prelude/ftls_prelude.h")) {
      if (in == null) {
        throw new IllegalStateException("the built-in prelude is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).toCharArray();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in prelude", e);
    }
  }
}
