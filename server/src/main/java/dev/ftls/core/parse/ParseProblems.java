package dev.ftls.core.parse;

import dev.ftls.core.source.SourceText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTProblemDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.internal.core.dom.parser.ASTQueries;

/**
 * What the parser could not read in a file (not in its headers or the prelude): pieces at file
 * level (a problem declaration, joined with the neighbours it runs into, since the parser often
 * splits an unreadable declaration in several), and problems inside declarations it did read
 * (statements in a function body, an initializer).
 */
final class ParseProblems {
  /**
   * A piece of file-level code the parser could not read.
   *
   * @param functionsRead the function definitions the parser did read in it (when the declared
   *     name is one of them, nothing of the function is lost, only a word before it)
   */
  record Piece(int offset, int end, int line, Set<String> functionsRead) {}

  /** A problem inside a declaration that was read: {@code function} is null outside functions. */
  record Inner(String function, int functionLine, int line, int offset, int end) {}

  final List<Piece> pieces;
  final List<Inner> inner;
  private final int count;

  private ParseProblems(List<Piece> pieces, List<Inner> inner, int count) {
    this.pieces = pieces;
    this.inner = inner;
    this.count = count;
  }

  /** How many problem nodes the parser made in the file; fewer means better read. */
  int count() {
    return count;
  }

  boolean none() {
    return count == 0;
  }

  static ParseProblems of(IASTTranslationUnit tu, SourceText source) {
    String path = source.path().toString();
    String text = source.text();
    List<IASTDeclaration> decls = new ArrayList<>();
    for (IASTDeclaration d : tu.getDeclarations()) {
      IASTFileLocation loc = d.getFileLocation();
      if (loc != null && path.equals(loc.getFileName())) {
        decls.add(d);
      }
    }
    List<Piece> pieces = new ArrayList<>();
    List<Inner> inner = new ArrayList<>();
    int count = 0;
    for (int i = 0; i < decls.size(); i++) {
      IASTDeclaration d = decls.get(i);
      if (!(d instanceof IASTProblemDeclaration)) {
        innerProblems(d, inner);
        continue;
      }
      count++;
      int start = i;
      if (start > 0 && decls.get(start - 1) instanceof IASTSimpleDeclaration && !terminated(decls.get(start - 1), text)) {
        start--; // "static int f(int a)" then ") ATTR { ... }"
      }
      int end = i;
      while (end + 1 < decls.size() && !terminated(decls.get(end), text)) {
        end++;
        if (decls.get(end) instanceof IASTProblemDeclaration) {
          count++;
        } else {
          innerProblems(decls.get(end), inner);
        }
      }
      Set<String> read = new HashSet<>();
      for (int k = start; k <= end; k++) {
        if (decls.get(k) instanceof IASTFunctionDefinition fn) {
          read.add(name(fn));
        }
      }
      int offset = decls.get(start).getFileLocation().getNodeOffset();
      if (!pieces.isEmpty() && pieces.get(pieces.size() - 1).end() > offset) {
        Piece prev = pieces.remove(pieces.size() - 1); // a neighbour already taken in
        offset = prev.offset();
        read.addAll(prev.functionsRead());
      }
      pieces.add(new Piece(offset, endOf(decls.get(end)), source.lines().line(offset) + 1, Set.copyOf(read)));
      i = end;
    }
    return new ParseProblems(pieces, inner, count + inner.size());
  }

  private static void innerProblems(IASTDeclaration d, List<Inner> out) {
    String function = null;
    int functionLine = d.getFileLocation().getStartingLineNumber();
    if (d instanceof IASTFunctionDefinition fn) {
      function = name(fn);
    }
    String fnName = function;
    d.accept(new ASTVisitor() {
      {
        shouldVisitProblems = true;
      }

      @Override
      public int visit(IASTProblem problem) {
        IASTNode holder = problem.getParent() != null ? problem.getParent() : problem;
        IASTFileLocation loc = holder.getFileLocation();
        if (loc != null) {
          out.add(new Inner(fnName, functionLine, loc.getStartingLineNumber(), loc.getNodeOffset(),
              loc.getNodeOffset() + loc.getNodeLength()));
        }
        return PROCESS_CONTINUE;
      }
    });
  }

  private static String name(IASTFunctionDefinition fn) {
    return ASTQueries.findInnermostDeclarator(fn.getDeclarator()).getName().toString();
  }

  private static boolean terminated(IASTDeclaration d, String text) {
    int e = endOf(d);
    int s = d.getFileLocation().getNodeOffset();
    while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    return e > s && (text.charAt(e - 1) == ';' || text.charAt(e - 1) == '}');
  }

  private static int endOf(IASTNode n) {
    IASTFileLocation loc = n.getFileLocation();
    return loc.getNodeOffset() + loc.getNodeLength();
  }

  /**
   * One note per function not analyzed or analyzed only in part, and one for the other code the
   * parser could not read, e.g. {@code function parse_args (line 120) not analyzed: the parser
   * could not read its declaration}.
   */
  List<String> notes(SourceText source) {
    String text = source.text();
    List<String> notes = new ArrayList<>();
    List<Integer> other = new ArrayList<>();
    for (Piece p : pieces) {
      DeclarationShape shape = DeclarationShape.of(text.substring(p.offset(), p.end()));
      if (shape.name != null && p.functionsRead().contains(shape.name.text())) {
        continue; // read, but for a word before it
      }
      if (!p.functionsRead().isEmpty() && shape.name == null) {
        continue;
      }
      if (shape.name != null && shape.parameters != null && shape.definition) {
        notes.add("function " + shape.name.text() + " (line " + lineOfName(source, p, shape) + ") not analyzed: "
            + "the parser could not read its declaration");
      } else {
        other.add(p.line());
      }
    }
    Map<String, List<Integer>> partly = new LinkedHashMap<>();
    for (Inner in : inner) {
      if (in.function() == null) {
        other.add(in.line());
      } else {
        List<Integer> lines = partly.computeIfAbsent(in.function() + " (line " + in.functionLine() + ")", k -> new ArrayList<>());
        if (!lines.contains(in.line())) {
          lines.add(in.line());
        }
      }
    }
    partly.forEach((fn, lines) -> notes.add("function " + fn + " analyzed only in part: the parser could not read "
        + lines(lines)));
    if (!other.isEmpty()) {
      notes.add("code not analyzed: the parser could not read " + lines(other.stream().distinct().sorted().toList())
          + " (outside any function it read)");
    }
    return notes;
  }

  /** The line of the declared name (the return type may stand on the line before). */
  private static int lineOfName(SourceText source, Piece p, DeclarationShape shape) {
    Matcher m = Pattern.compile("\\b" + Pattern.quote(shape.name.text()) + "\\s*\\(")
        .matcher(source.text()).region(p.offset(), p.end());
    return m.find() ? source.lines().line(m.start()) + 1 : p.line();
  }

  /** Lines listed in one note, at most. */
  static final int LISTED_LINES = 10;

  private static String lines(List<Integer> lines) {
    String listed = lines.stream().limit(LISTED_LINES).map(String::valueOf).collect(Collectors.joining(", "));
    return (lines.size() == 1 ? "line " : "lines ") + listed
        + (lines.size() > LISTED_LINES ? " and " + (lines.size() - LISTED_LINES) + " more" : "");
  }
}
