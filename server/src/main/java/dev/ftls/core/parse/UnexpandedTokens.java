package dev.ftls.core.parse;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.IMacroBinding;
import org.eclipse.cdt.core.parser.EndOfFileException;
import org.eclipse.cdt.core.parser.IToken;
import org.eclipse.cdt.core.parser.util.CharArrayMap;
import org.eclipse.cdt.internal.core.parser.scanner.CPreprocessor;
import org.eclipse.cdt.internal.core.parser.scanner.PreprocessorMacro;

/**
 * Tokens of a header read without expanding the macros they name, for what a read skips: the
 * bodies of the headers' functions and structs, and their initializers ({@link DeclaredNames}
 * reads only what is outside braces, {@link HeaderScan}). CDT expands every macro of the code it
 * hands out (the static inline functions of Python's headers are full of them): expansion was two
 * fifths of a read's time, and the part inside braces went to tokens the read throws away. The
 * directives run as they do with expansion ({@code #define}, {@code #if} and {@code #include} are
 * the read's facts).
 *
 * <p>A macro named inside braces can open or close braces itself ({@code Py_END_ALLOW_THREADS}
 * ends with a closing one): {@link #braces} says by how many, from its replacement and those of
 * the macros it names (as they were defined when the macro was first met), so that the read still
 * knows where the braces end.
 *
 * <p>This uses CDT's preprocessor's own fetch with its option not to expand, which is not public:
 * when this build of CDT lacks it, {@link #of} gives null and a read expands everything as before.
 */
final class UnexpandedTokens {
  private static final MethodHandle FETCH;
  private static final VarHandle ROOT;
  private static final VarHandle PREFETCHED;
  private static final VarHandle FIRST_FETCH;
  private static final VarHandle CANCELLED;
  private static final VarHandle DICTIONARY;
  private static final int OPTIONS;

  static {
    MethodHandle fetch = null;
    VarHandle root = null;
    VarHandle prefetched = null;
    VarHandle first = null;
    VarHandle cancelled = null;
    VarHandle dictionary = null;
    int options = 0;
    try {
      MethodHandles.Lookup cdt = MethodHandles.privateLookupIn(CPreprocessor.class, MethodHandles.lookup());
      Class<?> context = Class.forName("org.eclipse.cdt.internal.core.parser.scanner.ScannerContext");
      Class<?> token = Class.forName("org.eclipse.cdt.internal.core.parser.scanner.Token");
      fetch = cdt.findVirtual(CPreprocessor.class, "internalFetchToken",
          MethodType.methodType(token, context, int.class, boolean.class))
          .asType(MethodType.methodType(IToken.class, CPreprocessor.class, Object.class, int.class, boolean.class));
      root = cdt.findVarHandle(CPreprocessor.class, "fRootContext", context);
      prefetched = cdt.findVarHandle(CPreprocessor.class, "fPrefetchedTokens", token);
      first = cdt.findVarHandle(CPreprocessor.class, "fIsFirstFetchToken", boolean.class);
      cancelled = cdt.findVarHandle(CPreprocessor.class, "isCancelled", boolean.class);
      dictionary = cdt.findVarHandle(CPreprocessor.class, "fMacroDictionary", CharArrayMap.class);
      options = (int) cdt.findStaticVarHandle(CPreprocessor.class, "NO_EXPANSION", int.class).get()
          | (int) cdt.findStaticVarHandle(CPreprocessor.class, "CHECK_NUMBERS", int.class).get();
    } catch (ReflectiveOperationException | RuntimeException e) {
      fetch = null;
    }
    FETCH = fetch;
    ROOT = root;
    PREFETCHED = prefetched;
    FIRST_FETCH = first;
    CANCELLED = cancelled;
    DICTIONARY = dictionary;
    OPTIONS = options;
  }

  private final CPreprocessor pp;
  private final Object root;
  private final CharArrayMap<PreprocessorMacro> dictionary;
  /** The braces each macro met opens (positive) or closes (negative), by macro. */
  private final Map<PreprocessorMacro, Integer> bracesOf = new IdentityHashMap<>();

  private UnexpandedTokens(CPreprocessor pp, Object root, CharArrayMap<PreprocessorMacro> dictionary) {
    this.pp = pp;
    this.root = root;
    this.dictionary = dictionary;
  }

  /** Unexpanded tokens of {@code pp}, or null when this build of CDT cannot give them. */
  @SuppressWarnings("unchecked")
  static UnexpandedTokens of(CPreprocessor pp) {
    if (FETCH == null) {
      return null;
    }
    try {
      return new UnexpandedTokens(pp, ROOT.get(pp), (CharArrayMap<PreprocessorMacro>) DICTIONARY.get(pp));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The next token, its macros not expanded (directives run as ever); as {@link
   * CPreprocessor#nextToken} gives it before the first fetch and while it holds tokens fetched
   * ahead. Throws as that does at the end and when the read is cancelled.
   */
  IToken next() throws EndOfFileException {
    if ((boolean) CANCELLED.get(pp) || (boolean) FIRST_FETCH.get(pp) || PREFETCHED.get(pp) != null) {
      return pp.nextToken();
    }
    IToken t;
    try {
      t = (IToken) FETCH.invokeExact(pp, root, OPTIONS, false);
    } catch (RuntimeException | Error e) {
      throw e; // CDT's ParseError: the token limit or a cancel
    } catch (Throwable e) {
      throw new EndOfFileException(0); // an offset limit, which a read never sets
    }
    if (t.getType() == IToken.tEND_OF_INPUT) {
      throw new EndOfFileException(t.getOffset());
    }
    return t;
  }

  /**
   * How many braces an unexpanded {@code token} opens (positive) or closes (negative) once
   * expanded: 0 unless it names a macro whose replacement, with the macros it names in turn, has
   * more of one than of the other.
   */
  int braces(IToken token) {
    if (token.getType() != IToken.tIDENTIFIER) {
      return 0;
    }
    PreprocessorMacro m = dictionary.get(token.getCharImage());
    if (m == null) {
      return 0;
    }
    Integer known = bracesOf.get(m);
    return known != null ? known : braces(m, new HashSet<>());
  }

  private int braces(PreprocessorMacro m, Set<PreprocessorMacro> within) {
    Integer known = bracesOf.get(m);
    if (known != null) {
      return known;
    }
    if (!within.add(m)) {
      return 0; // a macro that names itself is not expanded again
    }
    int n = 0;
    char[] image = ((IMacroBinding) m).getExpansionImage();
    Set<String> params = new HashSet<>();
    if (m.isFunctionStyle() && m.getParameterList() != null) {
      for (char[] p : m.getParameterList()) {
        params.add(new String(p));
      }
    }
    for (int i = 0; image != null && i < image.length; i++) {
      char c = image[i];
      if (c == '{') {
        n++;
      } else if (c == '}') {
        n--;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < image.length && image[j] != c) {
          j += image[j] == '\\' ? 2 : 1;
        }
        i = j;
      } else if (Character.isJavaIdentifierStart(c)) {
        int j = i;
        while (j < image.length && Character.isJavaIdentifierPart(image[j])) {
          j++;
        }
        String word = new String(image, i, j - i);
        PreprocessorMacro named = params.contains(word) ? null : dictionary.get(image, i, j - i);
        if (named != null) {
          n += braces(named, within);
        }
        i = j - 1;
      }
    }
    within.remove(m);
    bracesOf.put(m, n);
    return n;
  }
}
