package dev.ftls.core.parse;

import dev.ftls.core.parse.CTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The shape of a declaration the parser could not read, from its tokens: what comes before the
 * declared name (the declaration specifiers: storage class, type, attributes), the name, and what
 * follows the parameter list up to the body or the semicolon. A name followed by a parenthesized
 * group is kept as one item (a function-like macro, or the declared function and its parameters).
 */
final class DeclarationShape {
  /** One item of the head: a token, or a name with the group in parentheses that follows it. */
  record Item(Token token, List<Token> group) {
    boolean pair() {
      return token != null && token.ident() && group != null;
    }
  }

  static final Set<String> STORAGE_WORDS = Set.of(
      "static", "extern", "inline", "register", "const", "volatile", "restrict", "typedef", "auto",
      "_Noreturn", "_Thread_local", "__thread", "__inline", "__inline__", "__restrict", "__restrict__",
      "__extension__", "__const", "__volatile__", "_Atomic", "thread_local", "constexpr", "virtual",
      "explicit", "friend", "mutable", "noexcept", "__attribute__", "__attribute", "__declspec",
      "__asm__", "__asm", "asm", "_Alignas", "alignas", "_Static_assert", "static_assert");

  static final Set<String> TYPE_WORDS = Set.of(
      "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "__signed__",
      "_Bool", "bool", "_Complex", "__int128", "__int64", "wchar_t", "char16_t", "char32_t", "struct",
      "union", "enum", "class", "typename", "__typeof__", "typeof", "decltype");

  /** Words that make a piece of code a statement or C++ beyond this shape: not read as a declaration. */
  private static final Set<String> NOT_A_DECLARATION = Set.of(
      "return", "if", "else", "for", "while", "do", "switch", "case", "default", "break", "continue",
      "goto", "sizeof", "template", "operator", "namespace", "using", "::", "<", ">", ".", "->");

  /** Items before the declared name. */
  final List<Item> specifiers;
  /** The declared name, or null when the code does not look like a declaration. */
  final Token name;
  /** The parameters, when the name declares a function. */
  final List<Token> parameters;
  /** Items after the parameters, before the body, the initializer or the semicolon. */
  final List<Item> trailing;
  /** Whether a body in braces follows. */
  final boolean definition;
  /** The head's tokens, in order. */
  final List<Token> head;

  private DeclarationShape(List<Item> specifiers, Token name, List<Token> parameters, List<Item> trailing,
      boolean definition, List<Token> head) {
    this.specifiers = specifiers;
    this.name = name;
    this.parameters = parameters;
    this.trailing = trailing;
    this.definition = definition;
    this.head = head;
  }

  static DeclarationShape of(String text) {
    List<Token> tokens = CTokens.of(text);
    List<Token> head = new ArrayList<>();
    boolean definition = false;
    int depth = 0;
    for (Token t : tokens) {
      if (depth == 0 && (t.is("{") || t.is(";") || t.is("=") || t.is(",") || t.is("["))) {
        definition = t.is("{");
        break;
      }
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        depth = Math.max(0, depth - 1);
      }
      head.add(t);
    }
    List<Item> items = items(head);
    for (Token t : head) {
      if (NOT_A_DECLARATION.contains(t.text())) {
        return new DeclarationShape(items, null, null, List.of(), definition, head);
      }
    }
    // the declared function: the first name with parameters that has something before it and
    // only attribute-like items after it
    for (int i = 1; i < items.size(); i++) {
      Item it = items.get(i);
      if (it.pair() && !isWord(it.token) && onlyTrailing(items.subList(i + 1, items.size()))) {
        return new DeclarationShape(items.subList(0, i), it.token, it.group, items.subList(i + 1, items.size()),
            definition, head);
      }
    }
    // a variable: the last name, with something before it
    Item last = items.isEmpty() ? null : items.get(items.size() - 1);
    if (items.size() > 1 && last.token != null && last.token.ident() && last.group == null && !isWord(last.token)) {
      return new DeclarationShape(items.subList(0, items.size() - 1), last.token, null, List.of(), definition, head);
    }
    return new DeclarationShape(items, null, null, List.of(), definition, head);
  }

  private static List<Item> items(List<Token> head) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < head.size(); i++) {
      Token t = head.get(i);
      if (t.is("(")) {
        int close = close(head, i);
        List<Token> group = head.subList(i + 1, Math.max(i + 1, close));
        Item prev = items.isEmpty() ? null : items.get(items.size() - 1);
        if (prev != null && prev.token != null && prev.token.ident() && prev.group == null) {
          items.set(items.size() - 1, new Item(prev.token, group));
        } else {
          items.add(new Item(null, group));
        }
        i = close;
      } else {
        items.add(new Item(t, null));
      }
    }
    return items;
  }

  /** The index of the parenthesis closing the one at {@code open}, or the end. */
  private static int close(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).is("(")) {
        depth++;
      } else if (tokens.get(i).is(")") && --depth == 0) {
        return i;
      }
    }
    return tokens.size();
  }

  private static boolean onlyTrailing(List<Item> rest) {
    for (Item it : rest) {
      if (it.token == null || !it.token.ident()) {
        return false;
      }
      if (TYPE_WORDS.contains(it.token.text())) {
        return false;
      }
    }
    return true;
  }

  static boolean isWord(Token t) {
    return STORAGE_WORDS.contains(t.text()) || TYPE_WORDS.contains(t.text());
  }
}
