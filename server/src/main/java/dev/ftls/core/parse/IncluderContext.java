package dev.ftls.core.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The preprocessor context a header gets from a source file that includes it: the directives the
 * compiler has seen when it reaches the header (the source file's includes, conditionals, defines
 * and undefs before its include line, then those of each header on the way), read from disk.
 *
 * @param source the source file whose context this is
 * @param label how the source file is named to the user (relative to the workspace)
 * @param directives the directives before the header, as one text ending with a line break
 * @param folders the folders of the files on the way, where their quoted includes are looked up
 */
public record IncluderContext(Path source, String label, String directives, List<String> folders) {
  public IncluderContext {
    folders = List.copyOf(folders);
  }

  /** The context of {@code includer}'s chain, or null when one of its files cannot be read now. */
  public static IncluderContext of(IncluderFinder.Includer includer, Path root) {
    StringBuilder directives = new StringBuilder();
    List<String> folders = new ArrayList<>();
    for (IncluderFinder.Link link : includer.chain()) {
      String text;
      try {
        IncludeGate.Admitted admitted = IncludeGate.check(link.file());
        if (admitted == null) {
          return null;
        }
        text = new String(IncludeGate.read(link.file()), StandardCharsets.ISO_8859_1);
      } catch (IOException | IncludeGate.Refused e) {
        return null;
      }
      directives.append(Skeleton.prefix(text, link.lineStart()));
      String folder = link.file().toAbsolutePath().getParent().toString();
      if (!folders.contains(folder)) {
        folders.add(folder);
      }
    }
    Path source = includer.source();
    String label = root != null && source.startsWith(root) ? root.relativize(source).toString() : source.toString();
    return new IncluderContext(source, label.replace('\\', '/'), directives.toString(), folders);
  }

  /** "context of src/mod.c", as results say where a header's context came from. */
  public String describe() {
    return "context of " + label;
  }
}
