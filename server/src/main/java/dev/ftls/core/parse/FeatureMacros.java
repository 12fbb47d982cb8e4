package dev.ftls.core.parse;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy for build-feature branches: code under a macro the build defines but ftls cannot see
 * ({@code #ifdef HAVE_LIBFOO}, {@code #if WITH_STATS}) is analyzed rather than treated as dead.
 *
 * <p>A macro is assumed defined to 1 when all of these hold:
 *
 * <ul>
 *   <li>a conditional of the file (or of a project header it includes) tests it;
 *   <li>nothing ftls sees defines or undefines it: no {@code #define}/{@code #undef} of it in the
 *       file or its headers (in any branch), no {@code -D}/{@code -U} of the build or the settings,
 *       not a compiler default;
 *   <li>its name says it is a build feature: it starts with {@code HAVE_} (autoconf and CMake
 *       check results), {@code WITH_} and {@code ENABLE_} (configure's --with-X and --enable-X),
 *       or {@code USE_} (build options), or ends with {@code _ENABLED}, {@code _SUPPORT} or
 *       {@code _AVAILABLE} (CMake options). Names that switch code off ({@code NO_},
 *       {@code DISABLE_}, {@code WITHOUT_}) are never assumed, nor are {@code HAS_} names, which
 *       headers usually compute from the compiler;
 *   <li>it is not about the platform or Python: names ending in {@code _H} (autoconf's "this
 *       header exists", which only the platform answers), names with a platform in them
 *       ({@code WIN32}, {@code WINDOWS}, {@code APPLE}, {@code LINUX}, ...), names of Python
 *       ({@code Py_}, {@code PY_}, {@code _Py}) and names of the implementation (a leading
 *       underscore) keep following the target and the compiler.
 * </ul>
 *
 * An include guard is never assumed: the file defines it right after testing it.
 */
final class FeatureMacros {
  private FeatureMacros() {}

  private static final List<String> PREFIXES = List.of("HAVE_", "WITH_", "ENABLE_", "USE_");
  private static final List<String> SUFFIXES = List.of("_ENABLED", "_SUPPORT", "_AVAILABLE");
  private static final Pattern PLATFORM = Pattern.compile(
      "WIN32|WIN64|WINDOWS|MSVC|MINGW|CYGWIN|APPLE|DARWIN|MACOS|OSX|IOS|LINUX|ANDROID|BSD|SOLARIS|AIX"
          + "|EMSCRIPTEN|WASI|WASM|POSIX|UNIX");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_]\\w*");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//.*", Pattern.DOTALL);

  /** Whether a name is one the policy may assume: a build feature, not a platform or Python name. */
  static boolean looksLikeFeature(String name) {
    if (name.startsWith("_") || name.startsWith("Py") || name.startsWith("PY") || name.endsWith("_H")) {
      return false;
    }
    boolean named = PREFIXES.stream().anyMatch(name::startsWith) || SUFFIXES.stream().anyMatch(name::endsWith);
    if (!named) {
      return false;
    }
    for (String part : name.split("_")) {
      if (PLATFORM.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  /** The feature-like names the conditionals of {@code text} test. */
  static Set<String> tested(String text) {
    Set<String> out = new TreeSet<>();
    directives(text, (name, rest) -> {
      if (CONDITIONALS.contains(name)) {
        Matcher w = WORD.matcher(COMMENT.matcher(rest).replaceAll(" "));
        while (w.find()) {
          if (looksLikeFeature(w.group())) {
            out.add(w.group());
          }
        }
      }
    });
    return out;
  }

  /** The names {@code text} defines or undefines anywhere, whatever the branch. */
  static Set<String> defined(String text) {
    Set<String> out = new TreeSet<>();
    directives(text, (name, rest) -> {
      if ((name.equals("define") || name.equals("undef")) && !rest.isEmpty() && (rest.charAt(0) == ' ' || rest.charAt(0) == '\t')) {
        Matcher w = NAME.matcher(rest);
        if (w.lookingAt()) {
          out.add(w.group(1));
        }
      }
    });
    return out;
  }

  private static final Set<String> CONDITIONALS = Set.of("if", "ifdef", "ifndef", "elif", "elifdef", "elifndef");
  private static final Pattern NAME = Pattern.compile("[ \\t]+(\\w+)");

  /**
   * Calls {@code each} with the name of every directive of {@code text} (a line whose first
   * character past spaces and tabs is {@code #}) and the rest of its logical line (the lines a
   * backslash at their end joins, backslash-newlines kept). Lines end at a newline or a lone
   * carriage return. A hand-written scan: the regular expressions it replaces tried every
   * position of a file at every parse.
   */
  private static void directives(String text, BiConsumer<String, String> each) {
    int n = text.length();
    int i = 0;
    while (i < n) {
      int at = i;
      while (at < n && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
        at++;
      }
      if (at < n && text.charAt(at) == '#') {
        at++;
        while (at < n && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
          at++;
        }
        int from = at;
        while (at < n && Character.isLetter(text.charAt(at))) {
          at++;
        }
        String name = text.substring(from, at);
        int end = at;
        while (true) { // the logical line
          int nl = text.indexOf('\n', end);
          if (nl < 0) {
            end = n;
            break;
          }
          if (nl > 0 && text.charAt(nl - 1) == '\\') {
            end = nl + 1;
            continue;
          }
          end = nl;
          break;
        }
        if (!name.isEmpty() && (at == n || !isWordChar(text.charAt(at)))) {
          each.accept(name, text.substring(at, end));
        }
      }
      i = nextLine(text, i);
    }
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Where the line after the one starting at {@code i} starts (after a newline or a lone carriage return). */
  private static int nextLine(String text, int i) {
    int nl = text.indexOf('\n', i);
    int end = nl < 0 ? text.length() : nl;
    for (int k = i; k < end; k++) {
      if (text.charAt(k) == '\r' && k + 1 < text.length() && text.charAt(k + 1) != '\n') {
        return k + 1;
      }
    }
    return nl < 0 ? text.length() : nl + 1;
  }


  /**
   * The names tested by {@code text}'s conditionals that the policy assumes defined: those neither
   * {@code text} nor the flags nor the compiler's defaults name.
   */
  static Set<String> assumed(String text, CompileFlags flags, Collection<String> predefined) {
    if (!flags.assumeFeatures) {
      return Set.of();
    }
    Set<String> out = tested(text);
    out.removeAll(defined(text));
    out.removeAll(flags.defines.keySet().stream().map(FeatureMacros::bareName).toList());
    out.removeAll(flags.undefines);
    out.removeAll(predefined);
    return out;
  }

  /** NAME of a macro key NAME or NAME(args). */
  static String bareName(String key) {
    int paren = key.indexOf('(');
    return paren < 0 ? key : key.substring(0, paren);
  }
}
