package dev.ftls.core.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.cdt.core.index.IIndexFileLocation;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.internal.core.parser.IMacroDictionary;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContent;
import org.eclipse.cdt.internal.core.parser.scanner.InternalFileContentProvider;

/**
 * Serves #include'd files to CDT. CDT's own providers need Eclipse's workspace bundle, which is
 * not available outside Eclipse, so headers are read from disk here. In "skip headers" mode every
 * include resolves to nothing (the macro preamble supplies what the headers define). The built-in
 * prelude is always served from the jar under a virtual path.
 */
final class HeaderProvider extends InternalFileContentProvider {
  /** Virtual path under which the bundled prelude is served. */
  static final String PRELUDE_PATH = "/__ftls__/ftls_prelude.h";

  private static final long MAX_HEADER_BYTES = 8L * 1024 * 1024;
  private static final char[] PRELUDE = loadPrelude();
  private static final Map<String, CachedHeader> CACHE = new ConcurrentHashMap<>();

  private record CachedHeader(long mtime, long size, char[] chars) {}

  private final boolean readHeaders;

  HeaderProvider(boolean readHeaders) {
    this.readHeaders = readHeaders;
  }

  static char[] prelude() {
    return PRELUDE.clone();
  }

  @Override
  public boolean getInclusionExists(String path) {
    if (PRELUDE_PATH.equals(path)) {
      return true;
    }
    return readHeaders && Files.isRegularFile(Paths.get(path));
  }

  @Override
  public InternalFileContent getContentForInclusion(String path, IMacroDictionary macroDictionary) {
    if (PRELUDE_PATH.equals(path)) {
      return (InternalFileContent) FileContent.create(PRELUDE_PATH, PRELUDE);
    }
    if (!readHeaders) {
      return null;
    }
    char[] chars = read(path);
    return chars == null ? null : (InternalFileContent) FileContent.create(path, chars);
  }

  @Override
  public InternalFileContent getContentForInclusion(IIndexFileLocation ifl, String astPath) {
    return null;
  }

  /** Reads a header, reusing the last read while its size and modification time are unchanged. */
  static char[] read(String path) {
    try {
      Path p = Paths.get(path);
      long mtime = Files.getLastModifiedTime(p).toMillis();
      long size = Files.size(p);
      CachedHeader cached = CACHE.get(path);
      if (cached != null && cached.mtime == mtime && cached.size == size) {
        return cached.chars;
      }
      if (size > MAX_HEADER_BYTES) {
        return null;
      }
      char[] chars = new String(Files.readAllBytes(p), StandardCharsets.UTF_8).toCharArray();
      CACHE.put(path, new CachedHeader(mtime, size, chars));
      return chars;
    } catch (IOException | RuntimeException e) {
      return null;
    }
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
