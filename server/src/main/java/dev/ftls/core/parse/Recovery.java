package dev.ftls.core.parse;

import dev.ftls.core.source.SourceText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.cdt.core.dom.ast.IASTPreprocessorMacroExpansion;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;

/**
 * Recovers the declarations an unknown attribute-like macro made unreadable (its header was not
 * found, often because the build generates it): when the parse of a file has problems, the
 * unknown names standing where an attribute goes ({@link AttributeMacros}) are assumed to be
 * empty macros and the file is parsed again, a few rounds at most. A round is kept only when the
 * parser then reads more of the file. Files the parser reads whole are parsed once, as before.
 */
final class Recovery {
  /** Parses after the first one, at most. */
  static final int MAX_ROUNDS = 3;

  private Recovery() {}

  /**
   * The outcome: the parse kept, the macros assumed (only those the file uses), and what the
   * parser still could not read.
   */
  record Outcome(IASTTranslationUnit tu, List<AssumedMacro> assumed, ParseProblems problems) {}

  /**
   * @param reparse parses the file again with these macros defined
   */
  static Outcome recover(IASTTranslationUnit first, SourceText source, Map<String, String> macros,
      Set<String> declaredInHeaders, Function<Map<String, String>, IASTTranslationUnit> reparse) {
    IASTTranslationUnit tu = first;
    ParseProblems problems = ParseProblems.of(tu, source);
    Map<String, AssumedMacro> assumed = new LinkedHashMap<>();
    for (int round = 0; round < MAX_ROUNDS && !problems.none(); round++) {
      KnownNames known = new KnownNames(tu, macros, declaredInHeaders, problems.pieces);
      List<AssumedMacro> more = new ArrayList<>();
      for (Unread code : unreadCode(problems, source)) {
        for (AssumedMacro m : AttributeMacros.in(code.text(), code.topLevel(), known)) {
          if (!assumed.containsKey(m.name()) && more.stream().noneMatch(x -> x.name().equals(m.name()))) {
            more.add(m);
          }
        }
      }
      if (more.isEmpty()) {
        break;
      }
      Map<String, String> defined = new LinkedHashMap<>(macros);
      for (AssumedMacro m : assumed.values()) {
        defined.put(m.key(), m.expansion());
      }
      for (AssumedMacro m : more) {
        defined.put(m.key(), m.expansion());
      }
      IASTTranslationUnit next;
      try {
        next = reparse.apply(defined);
      } catch (ParseFailure e) {
        break; // out of time or tokens: keep what was read
      }
      ParseProblems now = ParseProblems.of(next, source);
      if (now.count() >= problems.count()) {
        break; // the guess did not help: keep the parse before it
      }
      tu = next;
      problems = now;
      for (AssumedMacro m : more) {
        assumed.put(m.name(), m);
      }
    }
    return new Outcome(tu, used(tu, assumed), problems);
  }

  /** Code the parser could not read; {@code topLevel} when it stands at file level. */
  private record Unread(String text, boolean topLevel) {}

  private static List<Unread> unreadCode(ParseProblems problems, SourceText source) {
    List<Unread> out = new ArrayList<>();
    String text = source.text();
    for (ParseProblems.Piece p : problems.pieces) {
      out.add(new Unread(text.substring(p.offset(), p.end()), true));
    }
    for (ParseProblems.Inner in : problems.inner) {
      out.add(new Unread(text.substring(in.offset(), in.end()), false));
    }
    return out;
  }

  /** The assumed macros the file expands (a guess that is no longer used is not reported). */
  private static List<AssumedMacro> used(IASTTranslationUnit tu, Map<String, AssumedMacro> assumed) {
    if (assumed.isEmpty()) {
      return List.of();
    }
    Set<String> expanded = new LinkedHashSet<>();
    for (IASTPreprocessorMacroExpansion e : tu.getMacroExpansions()) {
      expanded.add(e.getMacroReference().toString());
    }
    List<AssumedMacro> out = new ArrayList<>();
    for (AssumedMacro m : assumed.values()) {
      if (expanded.contains(m.name())) {
        out.add(m);
      }
    }
    return out;
  }
}
