package dev.ftls.core.semantic;

import dev.ftls.core.source.WordSearch;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/**
 * Which object struct types of a file show that their maintainers share them between threads:
 * some function of the file that is handed an object of the type takes a critical section on it,
 * or takes a lock. In a module that declares it runs without the GIL, a type none of whose
 * functions synchronizes anything is taken to be kept to one thread at a time by contract (the
 * consistency idea of static race detectors: judge a type by the locking it shows).
 */
public final class SynchronizedTypes {

  private final boolean ported;
  private final Set<String> locked = new HashSet<>();

  private SynchronizedTypes(FileModel ctx) {
    // the file's own declaration, or every module of the project declares (a project may build
    // several modules, and a file without a module of its own may belong to any of them)
    ported = WordSearch.containsWord(ctx.text(), "Py_MOD_GIL_NOT_USED") || WordSearch.containsWord(ctx.text(), "mod_gil_not_used")
        || ctx.project().everyModuleDeclaresGil();
    if (!ported) {
      return;
    }
    HeldLocks locks = HeldLocks.of(ctx);
    for (IASTFunctionDefinition fn : ctx.functions()) {
      if (fn.getBody() == null) {
        continue;
      }
      ObjectAliases aliases = ObjectAliases.of(ctx, fn);
      if (aliases.isEmpty()) {
        continue;
      }
      boolean takesLock = ctx.callsIn(fn).stream().anyMatch(c -> locks.isAcquireCall(locks.expanded(c).name()));
      for (String root : aliases.roots()) {
        if (takesLock || sectionOn(ctx, fn, aliases.namesOf(root))) {
          locked.addAll(typesOf(ctx, fn, aliases, root));
        }
      }
    }
  }

  public static SynchronizedTypes of(FileModel ctx) {
    return ctx.shared(SynchronizedTypes.class, m -> new SynchronizedTypes(ctx));
  }

  /**
   * Whether the file's module declares that it runs without the GIL: here, or every module of the
   * project does in another file.
   */
  public boolean ported() {
    return ported;
  }

  /** Whether some function of the file locks objects of this type (as written: {@code MapObject}). */
  public boolean locked(String type) {
    return type != null && locked.contains(normalized(type));
  }

  private static boolean sectionOn(FileModel ctx, IASTFunctionDefinition fn, List<String> names) {
    for (CriticalSections.Section s : ctx.sections().sections()) {
      if (s.function() == fn && names.stream().anyMatch(n -> s.locks(CriticalSections.key(n)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The object struct types of one handed object: the types its names were declared with, and
   * the types it is cast to in the function ({@code ((MapObject *)op)->x}).
   */
  public static Set<String> typesOf(FileModel ctx, IASTFunctionDefinition fn, ObjectAliases aliases, String root) {
    Set<String> out = new HashSet<>();
    for (String t : aliases.typesOf(root)) {
      out.add(normalized(t));
    }
    String body = ctx.inFile(fn.getBody()) ? ctx.textOf(fn.getBody()) : "";
    for (String name : aliases.namesOf(root)) {
      Pattern cast = Pattern.compile("\\(\\s*(?:struct\\s+)?([A-Za-z_]\\w*)\\s*\\*\\s*\\)\\s*" + Pattern.quote(name) + "\\b");
      for (java.util.regex.MatchResult m : WordSearch.all(cast, body, name)) {
        out.add(m.group(1));
      }
    }
    out.removeIf(t -> t.matches("_?Py\\w*") || !t.matches("[A-Za-z_]\\w*")); // PyObject says nothing
    return out;
  }

  public static String normalized(String type) {
    return type.replaceAll("\\b(const|struct|volatile|static)\\b", "").strip();
  }
}
