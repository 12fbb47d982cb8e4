package dev.ftls.core.parse;

import dev.ftls.core.parse.CTokens.Token;
import dev.ftls.core.parse.DeclarationShape.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Finds, in code the parser could not read, the unknown names that stand where a declaration
 * specifier, a calling convention or an attribute goes: before the return type, between a
 * {@code *} and the declared name, after the parameter list. An unknown name is one that is not a
 * keyword, not a macro, and not declared or used as a value anywhere the parser saw (the file,
 * the prelude, the headers).
 *
 * <p>When nothing else before the declared name is a type, one of the unknown names is taken for
 * the type ({@link #typeAmong}): {@code my_t f(void)} assumes nothing, {@code MYLIB_API my_t
 * *f(void)} assumes MYLIB_API and keeps my_t.
 */
final class AttributeMacros {
  private AttributeMacros() {}

  /**
   * The names to assume, in the order met.
   *
   * @param topLevel whether the code stands at file level (then {@code (NAME *} in a declarator
   *     is a calling convention; inside a function it may be a cast)
   */
  static List<AssumedMacro> in(String code, boolean topLevel, Predicate<String> known) {
    DeclarationShape shape = DeclarationShape.of(code);
    Map<String, AssumedMacro> out = new LinkedHashMap<>();
    if (shape.name == null) {
      return List.of();
    }
    specifiers(shape, known, out);
    for (Item it : shape.trailing) {
      if (unknown(it.token(), known)) {
        add(out, new AssumedMacro(it.token().text(),
            it.group() == null ? AssumedMacro.Form.EMPTY : AssumedMacro.Form.EMPTY_FUNCTION));
      }
    }
    if (topLevel) {
      List<Token> head = shape.head;
      for (int i = 0; i + 2 < head.size(); i++) {
        if (head.get(i).is("(") && unknown(head.get(i + 1), known) && head.get(i + 2).is("*")) {
          add(out, new AssumedMacro(head.get(i + 1).text(), AssumedMacro.Form.EMPTY));
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  private static void specifiers(DeclarationShape shape, Predicate<String> known, Map<String, AssumedMacro> out) {
    List<Item> specs = shape.specifiers;
    boolean typeSeen = false;
    boolean pointer = false;
    List<Token> beforeType = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Item it = specs.get(i);
      Token t = it.token();
      if (t == null) {
        return; // a declarator in parentheses: not a shape this reads
      }
      if (t.is("*") || t.is("&")) {
        pointer = true;
      } else if (it.pair()) {
        if (unknown(t, known)) {
          boolean typeAfter = typeAfter(specs.subList(i + 1, specs.size()), known);
          add(out, new AssumedMacro(t.text(), typeAfter || typeSeen || pointer
              ? AssumedMacro.Form.EMPTY_FUNCTION : AssumedMacro.Form.ARGUMENT));
          typeSeen |= !typeAfter && !pointer;
        }
      } else if (t.ident()) {
        if (DeclarationShape.TYPE_WORDS.contains(t.text()) || (!DeclarationShape.isWord(t) && !unknown(t, known))) {
          typeSeen = true;
          if (t.is("struct") || t.is("union") || t.is("enum") || t.is("class")) {
            i++; // the tag
          }
        } else if (unknown(t, known)) {
          if (pointer) {
            add(out, new AssumedMacro(t.text(), AssumedMacro.Form.EMPTY)); // between * and the name
          } else {
            beforeType.add(t);
          }
        }
      } else {
        return; // punctuation a declaration does not have here
      }
    }
    if (beforeType.isEmpty()) {
      return;
    }
    Token type = typeSeen ? null : typeAmong(beforeType);
    for (Token t : beforeType) {
      if (t != type) {
        add(out, new AssumedMacro(t.text(), AssumedMacro.Form.EMPTY));
      }
    }
  }

  /**
   * Which of the unknown names before the declared one is its type: the last in lower or mixed
   * case (my_t, PyThing); else, all in capitals, the first that does not read as an attribute
   * (NTSYSAPI PSTR NTAPI: PSTR); else the last.
   */
  private static Token typeAmong(List<Token> names) {
    Token type = null;
    for (Token t : names) {
      if (!capitals(t.text())) {
        type = t;
      }
    }
    if (type != null) {
      return type;
    }
    for (Token t : names) {
      if (!ATTRIBUTE_LIKE.matcher(t.text()).find()) {
        return t;
      }
    }
    return names.get(names.size() - 1);
  }

  /** How the names of export, inline and calling-convention macros end. */
  private static final Pattern ATTRIBUTE_LIKE = Pattern.compile(
      "(API|CALL|CALLBACK|CONV|EXPORT|IMPORT|INLINE|DECL|EXTERN|LINKAGE|STATIC|FUNC|PUBLIC|PRIVATE|LOCAL|HIDDEN"
          + "|VISIBLE|VISIBILITY|DEPRECATED|UNUSED|NORETURN|CDECL|STDCALL|FASTCALL|ATTR|ATTRIBUTE|PURE|CONST|COLD|HOT)$|^__");

  /** Whether a type (a type keyword, a known name, an unknown plain name) follows among these items. */
  private static boolean typeAfter(List<Item> rest, Predicate<String> known) {
    for (Item it : rest) {
      Token t = it.token();
      if (t != null && t.ident() && it.group() == null
          && (DeclarationShape.TYPE_WORDS.contains(t.text()) || !DeclarationShape.isWord(t))) {
        return true;
      }
    }
    return false;
  }

  private static boolean capitals(String name) {
    boolean letter = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLowerCase(c)) {
        return false;
      }
      letter |= Character.isUpperCase(c);
    }
    return letter;
  }

  private static boolean unknown(Token t, Predicate<String> known) {
    return t != null && t.ident() && !DeclarationShape.isWord(t) && !known.test(t.text());
  }

  private static void add(Map<String, AssumedMacro> out, AssumedMacro m) {
    out.putIfAbsent(m.name(), m);
  }
}
