package dev.ftls.core.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.parser.IGCCToken;
import org.eclipse.cdt.core.parser.IToken;

/**
 * The names C headers declare at file level (types, functions, variables), found in the tokens
 * the preprocessor hands out, without building an AST: what CDT's parser gives as the innermost
 * declarator names of the translation unit's declarations, for a fraction of the time.
 *
 * <p>Tokens are taken one at a time ({@link #accept}). A file-level declaration ends at a
 * {@code ;} outside brackets, or with a function's body; what is inside braces (a struct's
 * members, an initializer, a body) is skipped, and so are the parentheses a keyword opens
 * ({@code __attribute__((...))}, {@code __asm__(...)}, {@code __typeof__(...)}, {@code
 * _Alignas(...)}). In what is left, each declarator (split at commas) is read after the
 * declaration specifiers: keywords, a struct, union or enum with its tag, and one typedef name
 * while no type has been named; then pointers and qualifiers; then the name, or a parenthesized
 * declarator ({@code (*handler)(int)}) read the same way.
 */
final class DeclaredNames {
  private final Set<String> names = new HashSet<>();
  /** The declaration so far: tokens at brace depth 0, braces folded into one {@link #BRACES}. */
  private final List<Tok> declaration = new ArrayList<>();
  private int braces;
  private int parens;
  /** Parentheses a keyword opened, being skipped: their depth, 0 when none. */
  private int skipping;
  /** The last token was a keyword that may open parentheses to skip. */
  private boolean keywordBefore;
  /** The braces being skipped close a function's body, which ends the declaration. */
  private boolean body;
  /** An initializer began ({@code =} outside brackets) since the last comma. */
  private boolean initializer;

  /**
   * Tokens kept of one declaration at most: a longer one (a macro that expands to a flood of
   * tokens at file level) keeps its beginning, where its first declarators' names are, and the
   * preprocessor's token budget ends the read soon after.
   */
  static final int MAX_TOKENS = 4096;

  /** A token kept of a declaration: its kind, its text when it is a word, and whether it is one. */
  private record Tok(int type, char[] image, boolean word) {
    boolean is(String text) {
      return image != null && same(image, text);
    }
  }

  private static final Tok BRACES = new Tok(IToken.tLBRACE, null, false);
  /** The parentheses a keyword opened, skipped. */
  private static final Tok GROUP = new Tok(-1, null, false);
  /**
   * C11's atomic qualifier, {@code _Atomic T} or as a specifier {@code _Atomic(T)}: CDT's C scanner
   * has no keyword for it, so it comes as a name (and CDT's parser cannot read such declarations).
   */
  private static final String ATOMIC = "_Atomic";

  /** The names found so far. */
  Set<String> names() {
    return names;
  }

  /** Whether the tokens taken now are inside braces, which are skipped but for the braces themselves. */
  boolean inBraces() {
    return braces > 0;
  }

  /**
   * Takes {@code delta} braces opened (positive) or closed (negative) inside braces by a macro
   * whose expansion was skipped ({@link UnexpandedTokens#braces}).
   */
  void braces(int delta) {
    if (delta > 0 && braces > 0) {
      braces += delta;
    }
    for (; delta < 0 && braces > 0; delta++) {
      closeBrace();
    }
  }

  /** A closing brace inside braces: the last one ends a body's declaration, or keeps the braces as one token. */
  private void closeBrace() {
    if (--braces == 0) {
      if (body) {
        end();
      } else {
        keep(BRACES);
      }
    }
  }

  /** Takes the preprocessor's next token. */
  void accept(IToken token) {
    int type = token.getType();
    if (braces > 0) {
      if (type == IToken.tLBRACE) {
        braces++;
      } else if (type == IToken.tRBRACE) {
        closeBrace();
      }
      return;
    }
    if (skipping > 0) {
      if (type == IToken.tLPAREN) {
        skipping++;
      } else if (type == IToken.tRPAREN && --skipping == 0) {
        keep(GROUP);
      }
      return;
    }
    boolean opensSkip = keywordBefore;
    keywordBefore = false;
    switch (type) {
      case IToken.tLPAREN -> {
        if (opensSkip) {
          skipping = 1;
          return;
        }
        parens++;
      }
      case IToken.tRPAREN -> parens = Math.max(0, parens - 1);
      case IToken.tLBRACE -> {
        Tok last = declaration.isEmpty() ? null : declaration.get(declaration.size() - 1);
        body = parens == 0 && !initializer && last != null && last.type() == IToken.tRPAREN;
        braces = 1;
        return;
      }
      case IToken.tSEMI -> {
        if (parens == 0) {
          end();
          return;
        }
      }
      case IToken.tASSIGN -> initializer |= parens == 0;
      case IToken.tCOMMA -> initializer &= parens > 0;
      default -> {
        if (type == IGCCToken.t__attribute__ || type == IGCCToken.t__declspec || type == IToken.t_asm
            || type == IGCCToken.t_typeof || type == IToken.t__Alignas || type == IToken.t_alignas
            || type == IToken.t_static_assert || type == IGCCToken.t___alignof__ || type == IToken.t__Alignof
            || type == IToken.tIDENTIFIER && same(token.getCharImage(), ATOMIC)) {
          keywordBefore = true;
        }
      }
    }
    boolean word = type == IToken.tIDENTIFIER || isWord(token);
    keep(new Tok(type, word ? token.getCharImage() : null, word));
  }

  private void keep(Tok t) {
    if (declaration.size() < MAX_TOKENS) {
      declaration.add(t);
    }
  }

  /** Whether a token's text is {@code text} (without making a string of every name). */
  private static boolean same(char[] image, String text) {
    if (image.length != text.length()) {
      return false;
    }
    for (int i = 0; i < image.length; i++) {
      if (image[i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a token is a word: a keyword when it is not an identifier. */
  private static boolean isWord(IToken token) {
    char[] image = token.getCharImage();
    return image.length > 0 && (Character.isLetter(image[0]) || image[0] == '_');
  }

  /** Ends the declaration: finds its declarators' names and starts the next one. */
  private void end() {
    List<Tok> tokens = new ArrayList<>(declaration);
    declaration.clear();
    parens = 0;
    body = false;
    initializer = false;
    keywordBefore = false;
    if (tokens.isEmpty() || tokens.get(0).type() == IToken.t_static_assert) {
      return;
    }
    // the declarators, each without its initializer
    List<List<Tok>> declarators = new ArrayList<>();
    List<Tok> current = new ArrayList<>();
    int depth = 0;
    boolean init = false;
    for (Tok t : tokens) {
      int type = t.type();
      if (type == IToken.tLPAREN || type == IToken.tLBRACKET) {
        depth++;
      } else if (type == IToken.tRPAREN || type == IToken.tRBRACKET) {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && type == IToken.tCOMMA) {
        declarators.add(current);
        current = new ArrayList<>();
        init = false;
        continue;
      } else if (depth == 0 && type == IToken.tASSIGN) {
        init = true;
      }
      if (!init) {
        current.add(t);
      }
    }
    declarators.add(current);
    for (int d = 0; d < declarators.size(); d++) {
      List<Tok> decl = declarators.get(d);
      int at = 0;
      int typedefName = -1;
      if (d == 0) {
        boolean typeNamed = false;
        while (at < decl.size()) {
          Tok t = decl.get(at);
          if (t.type() == IToken.t_struct || t.type() == IToken.t_union || t.type() == IToken.t_enum) {
            typeNamed = true;
            at = skipGroups(decl, at + 1);
            if (at < decl.size() && decl.get(at).type() == IToken.tIDENTIFIER) {
              at = skipGroups(decl, at + 1); // the tag
            }
            if (at < decl.size() && decl.get(at) == BRACES) {
              at++; // the members
            }
          } else if (t.type() == IToken.tIDENTIFIER && t.is(ATOMIC)) {
            at++;
            if (at < decl.size() && decl.get(at) == GROUP) {
              typeNamed = true; // _Atomic(T)
              at++;
            }
          } else if (t == GROUP) {
            at++;
          } else if (t.type() == IToken.tIDENTIFIER) {
            if (typeNamed) {
              break;
            }
            typeNamed = true;
            typedefName = at++;
          } else if (t.word()) {
            typeNamed |= TYPES.contains(t.type());
            at++;
          } else {
            break;
          }
        }
      }
      String name = name(decl, at, decl.size());
      if (name == null && typedefName >= 0 && typedefName == decl.size() - 1) {
        name = new String(decl.get(typedefName).image()); // `T x;`: T was a keyword not known as a type
      }
      if (name != null) {
        names.add(name);
      }
    }
  }

  /** The name of the declarator in {@code decl[from, to)}: after pointers and qualifiers, a name or a parenthesized declarator. */
  private static String name(List<Tok> decl, int from, int to) {
    for (int i = from; i < to; i++) {
      Tok t = decl.get(i);
      if (t.type() == IToken.tIDENTIFIER && !t.is(ATOMIC) && !unknownMacro(decl, i, to)) {
        return new String(t.image());
      } else if (t.type() == IToken.tSTAR || t.type() == IToken.tXOR || t == GROUP || t.word()) {
        continue; // a pointer, a block pointer, a qualifier, an attribute
      } else if (t.type() == IToken.tLPAREN) {
        int depth = 0;
        for (int j = i; j < to; j++) {
          int type = decl.get(j).type();
          if (type == IToken.tLPAREN) {
            depth++;
          } else if (type == IToken.tRPAREN && --depth == 0) {
            return name(decl, i + 1, j);
          }
        }
        return null;
      } else {
        return null;
      }
    }
    return null;
  }

  /** The index of the first token from {@code at} that is not an attribute (a keyword and its parentheses). */
  private static int skipGroups(List<Tok> decl, int at) {
    while (at < decl.size()) {
      Tok t = decl.get(at);
      if (t == GROUP) {
        at++;
      } else if (t.word() && t.type() != IToken.tIDENTIFIER && at + 1 < decl.size() && decl.get(at + 1) == GROUP) {
        at += 2;
      } else {
        return at;
      }
    }
    return at;
  }

  /**
   * Whether the name at {@code i} is followed by a name or a pointer, where a declarator's name
   * cannot be: a macro without a definition in view, such as a calling convention in
   * {@code BOOL (CALLBACK *fn)(void)} or {@code NTSTATUS NTAPI NtClose(HANDLE)}.
   */
  private static boolean unknownMacro(List<Tok> decl, int i, int to) {
    if (i + 1 >= to) {
      return false;
    }
    Tok next = decl.get(i + 1);
    return next.type() == IToken.tIDENTIFIER || next.type() == IToken.tSTAR;
  }

  /** The keywords that name a type (a typedef name after one of them is the declarator's name). */
  private static final Set<Integer> TYPES = Set.of(IToken.t_void, IToken.t_char, IToken.t_short, IToken.t_int,
      IToken.t_long, IToken.t_float, IToken.t_double, IToken.t_signed, IToken.t_unsigned, IToken.t__Bool,
      IToken.t__Complex, IToken.t__Imaginary, IToken.t_bool, IGCCToken.t_typeof, IGCCToken.t__int128,
      IGCCToken.t__float128, IGCCToken.t_decimal32, IGCCToken.t_decimal64, IGCCToken.t_decimal128,
      IToken.t_char16_t, IToken.t_char32_t, IToken.t_wchar_t);
}
