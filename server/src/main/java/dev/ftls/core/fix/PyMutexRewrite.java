package dev.ftls.core.fix;

import dev.ftls.core.semantic.FileModel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTCompositeTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpressionStatement;
import org.eclipse.cdt.core.dom.ast.IASTFieldDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTInitializerList;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IArrayType;
import org.eclipse.cdt.core.dom.ast.IBinding;
import org.eclipse.cdt.core.dom.ast.IField;
import org.eclipse.cdt.core.dom.ast.IProblemBinding;
import org.eclipse.cdt.core.dom.ast.IQualifierType;
import org.eclipse.cdt.core.dom.ast.IType;
import org.eclipse.cdt.core.dom.ast.ITypedef;
import org.eclipse.cdt.core.dom.ast.IVariable;
import org.eclipse.cdt.core.dom.ast.c.ICASTFieldDesignator;
import org.eclipse.cdt.core.dom.ast.cpp.ICPPASTFieldDesignator;

/**
 * FT303's fix: one {@code PyThread_type_lock} (a variable at file scope or a struct member)
 * and every use of it in this file rewritten for a {@code PyMutex}. A half-converted lock does
 * not compile, so the rewrite gives up as soon as one mention of the lock is not a form it knows
 * (see the rule's "Fix" docs).
 */
public final class PyMutexRewrite {
  private static final String OLD_TYPE = "PyThread_type_lock";
  private static final Set<String> NULLS = Set.of("NULL", "0", "nullptr", "((void*)0)", "((void *)0)");
  private static final Set<String> WAIT = Set.of("WAIT_LOCK", "1");

  /** Thrown when the lock is used in a way the rewrite does not handle. */
  private static final class Refused extends RuntimeException {
    Refused() {
      super(null, null, false, false);
    }
  }

  /**
   * What one use of the lock becomes.
   *
   * @param at where the use is written (the lock's name)
   * @param edits its edits
   * @param gone the statement it deletes or replaces as a whole, whose other uses go with it; null when none
   */
  private record Change(int at, List<TextEdit> edits, IASTNode gone) {}

  private final FileModel ctx;
  private final String text;
  private final String nl;
  private final String name;
  private final IASTSimpleDeclaration declaration;
  private final IASTDeclarator declarator;
  /** Whether the lock is a struct member (else a variable at file scope). */
  private final boolean member;
  private final IBinding binding;
  /** The names that denote the lock, in source order (the declarator's own name aside). */
  private final List<IASTName> uses = new ArrayList<>();
  private final Set<IASTName> ours = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<IASTName> consumed = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Where the names seen in the syntax tree are written: the lock and anything else spelled the same. */
  private final Set<Integer> seen = new HashSet<>();
  private final List<Change> changes = new ArrayList<>();
  /** Edits that replace a whole statement of several lines with one line. */
  private final Set<TextEdit> statementReplacements = Collections.newSetFromMap(new IdentityHashMap<>());

  private PyMutexRewrite(FileModel ctx, IASTSimpleDeclaration declaration, boolean member) {
    this.ctx = ctx;
    this.text = ctx.text();
    this.nl = Edits.newline(text);
    this.declaration = declaration;
    this.declarator = declaration.getDeclarators()[0];
    this.name = declarator.getName().toString();
    this.member = member;
    this.binding = declarator.getName().resolveBinding();
  }

  /**
   * The fix for the lock of a flagged declaration, or null when there is none. With
   * {@code guardSince} ("3.13") the old code is kept for older Pythons behind a version check.
   */
  public static Fix of(FileModel ctx, IASTSimpleDeclaration declaration, String guardSince) {
    if (declaration.getDeclarators().length != 1
        || !(declaration.getDeclSpecifier() instanceof IASTNamedTypeSpecifier spec)
        || spec.isConst() || spec.isVolatile()) {
      return null;
    }
    IASTDeclarator d = declaration.getDeclarators()[0];
    if (d instanceof IASTFunctionDeclarator || d instanceof IASTArrayDeclarator || d instanceof IASTFieldDeclarator
        || d.getPointerOperators().length > 0 || d.getNestedDeclarator() != null) {
      return null;
    }
    int storage = spec.getStorageClass();
    IASTNode scope = declaration.getParent();
    boolean variable = scope instanceof IASTTranslationUnit
        && (storage == IASTDeclSpecifier.sc_static || storage == IASTDeclSpecifier.sc_unspecified);
    boolean member = scope instanceof IASTCompositeTypeSpecifier && storage == IASTDeclSpecifier.sc_unspecified;
    if (!variable && !member) {
      return null;
    }
    try {
      return new PyMutexRewrite(ctx, declaration, member).build(spec, guardSince);
    } catch (Refused e) {
      return null;
    }
  }

  private Fix build(IASTNamedTypeSpecifier spec, String guardSince) {
    if (binding == null || binding instanceof IProblemBinding || (member && !(binding instanceof IField))) {
      throw new Refused();
    }
    changes.add(declarationChange(spec));
    findUses();
    for (IASTName n : uses) {
      rewriteUse(n);
    }
    for (IASTName n : uses) {
      if (!consumed.contains(n) && goneWith(ctx.nameOffset(n), null) == null) {
        throw new Refused(); // a use of the lock that is none of the known forms
      }
    }
    List<TextEdit> edits = new ArrayList<>();
    for (Change c : changes) {
      if (goneWith(c.at(), c) == null) {
        edits.addAll(c.edits());
      }
    }
    edits = joinDeletions(edits);
    if (guardSince == null) {
      return new Fix(title(), false, edits);
    }
    return guarded(edits, guardSince);
  }

  /**
   * The fix with the old code kept for Pythons before {@code since}: line by line (see
   * {@link Edits#guardForOlderPythons}), except that a statement of several lines replaced by one
   * line gets a single {@code #if} / {@code #else} / {@code #endif} around the two versions.
   */
  private Fix guarded(List<TextEdit> edits, String since) {
    List<TextEdit> lines = new ArrayList<>();
    List<TextEdit> statements = new ArrayList<>();
    for (TextEdit e : edits) {
      (statementReplacements.contains(e) ? statements : lines).add(e);
    }
    Fix fix = Edits.guardForOlderPythons(text, new Fix(title(), false, lines), since);
    if (fix == null) {
      return null;
    }
    List<TextEdit> out = new ArrayList<>(fix.edits());
    String ifNew = FileModel.versionCheck(since);
    for (TextEdit e : statements) {
      out.add(new TextEdit(e.start(), e.end(), ifNew + nl + e.newText() + "#else" + nl
          + text.substring(e.start(), e.end()) + "#endif" + nl));
    }
    return new Fix(fix.title(), false, out);
  }

  private String title() {
    String path = ctx.source().path().getFileName() == null ? "" : ctx.source().path().getFileName().toString();
    boolean header = path.matches(".*\\.(h|hh|hpp|hxx)");
    boolean shared = header
        || (!member && declaration.getDeclSpecifier().getStorageClass() != IASTDeclSpecifier.sc_static);
    return "Replace '" + name + "' with a PyMutex (check " + (shared ? "that no other file uses it, and " : "")
        + "that no code relies on holding the GIL while it waits for the lock: PyMutex_Lock releases it)";
  }

  // ---- the declaration ----

  /** {@code PyThread_type_lock L = NULL} becomes {@code PyMutex L} (static storage starts unlocked). */
  private Change declarationChange(IASTNamedTypeSpecifier spec) {
    int typeAt = ctx.nameOffset(spec.getName());
    int nameAt = ctx.nameOffset(declarator.getName());
    if (typeAt < 0 || nameAt < 0 || !text.startsWith(OLD_TYPE, typeAt) || !text.startsWith(name, nameAt)) {
      throw new Refused();
    }
    List<TextEdit> edits = new ArrayList<>();
    edits.add(new TextEdit(typeAt, typeAt + OLD_TYPE.length(), "PyMutex"));
    if (declarator.getInitializer() != null) {
      if (!(declarator.getInitializer() instanceof IASTEqualsInitializer eq) || !isNull(eq.getInitializerClause())) {
        throw new Refused();
      }
      written(eq);
      edits.add(new TextEdit(nameAt + name.length(), ctx.end(eq), ""));
    }
    seen.add(nameAt);
    return new Change(nameAt, edits, null);
  }

  // ---- finding every mention ----

  /**
   * Collects the names of this file that denote the lock, and checks that the syntax tree shows
   * every place the name is written (not one in a macro definition or an inactive branch).
   */
  private void findUses() {
    List<IASTName> named = new ArrayList<>();
    int[] fieldsNamed = new int[1];
    boolean[] listInitialized = new boolean[1];
    ctx.ast().accept(new ASTVisitor() {
      {
        shouldVisitDeclarations = true;
        shouldVisitDeclarators = true;
        shouldVisitNames = true;
      }

      @Override
      public int visit(IASTDeclaration d) {
        return ctx.inFile(d) ? PROCESS_CONTINUE : PROCESS_SKIP;
      }

      @Override
      public int visit(IASTDeclarator d) {
        if (member && d.getInitializer() instanceof IASTEqualsInitializer eq
            && eq.getInitializerClause() instanceof IASTInitializerList list
            && !written(list).replaceAll("\\s", "").equals("{0}")
            && d.getName().resolveBinding() instanceof IVariable v && isOwner(v.getType())) {
          listInitialized[0] = true; // a brace initializer may give the member a pointer
        }
        return PROCESS_CONTINUE;
      }

      @Override
      public int visit(IASTName n) {
        if (n != declarator.getName() && n.toString().equals(name)) {
          named.add(n);
          if (n.getParent() instanceof IASTDeclarator d && d.getParent() instanceof IASTSimpleDeclaration sd
              && sd.getParent() instanceof IASTCompositeTypeSpecifier) {
            fieldsNamed[0]++;
          }
        }
        return PROCESS_CONTINUE;
      }
    });
    if (listInitialized[0]) {
      throw new Refused();
    }
    for (IASTName n : named) {
      int at = ctx.nameOffset(n);
      if (!denotesLock(n, fieldsNamed[0] == 0)) {
        if (at >= 0) {
          seen.add(at);
        }
        continue;
      }
      if (at < 0 || !text.startsWith(name, at)) {
        throw new Refused(); // written in a macro's definition
      }
      uses.add(n);
      ours.add(n);
      seen.add(at);
    }
    for (int at : writtenAt()) {
      if (!seen.contains(at)) {
        throw new Refused();
      }
    }
  }

  /** Whether a type is the struct that declares the lock (through typedefs, arrays and qualifiers). */
  private boolean isOwner(IType type) {
    IType t = type;
    while (t instanceof ITypedef || t instanceof IArrayType || t instanceof IQualifierType) {
      t = t instanceof ITypedef td ? td.getType() : t instanceof IArrayType a ? a.getType() : ((IQualifierType) t).getType();
    }
    return t != null && t.isSameType(((IField) binding).getCompositeTypeOwner());
  }

  /**
   * Whether a name spelled like the lock denotes it. Unresolved member references count when no
   * other struct of this file has a member of that name.
   */
  private boolean denotesLock(IASTName n, boolean onlyMemberOfThatName) {
    IBinding b = n.resolveBinding();
    if (b != null && !(b instanceof IProblemBinding)) {
      return b.equals(binding);
    }
    IASTNode p = n.getParent();
    if (p instanceof IASTIdExpression || p instanceof ICASTFieldDesignator || p instanceof ICPPASTFieldDesignator) {
      throw new Refused();
    }
    if (p instanceof IASTFieldReference f && f.getFieldName() == n && member) {
      if (onlyMemberOfThatName) {
        return true;
      }
      throw new Refused();
    }
    return false;
  }

  /** Offsets where the lock's name is written as code (not in a comment or a literal). */
  private List<Integer> writtenAt() {
    List<Integer> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '/' && text.startsWith("//", i)) {
        i = Edits.nextLineStart(text, i);
      } else if (c == '/' && text.startsWith("/*", i)) {
        int e = text.indexOf("*/", i + 2);
        i = e < 0 ? n : e + 2;
      } else if (c == '#' && Edits.onlySpaceBefore(text, i) && text.startsWith("include", skipSpace(i + 1))) {
        i = Edits.nextLineStart(text, i); // a header's name
      } else if (c == '"' || c == '\'') {
        int q = i + 1;
        while (q < n && text.charAt(q) != c && !dev.ftls.core.source.LineBreaks.startsAt(text, q)) {
          q += text.charAt(q) == '\\' ? 2 : 1;
        }
        i = q + 1;
      } else if (Character.isJavaIdentifierStart(c)) {
        int e = i;
        while (e < n && Character.isJavaIdentifierPart(text.charAt(e))) {
          e++;
        }
        if (e - i == name.length() && text.startsWith(name, i)) {
          out.add(i);
        }
        i = e;
      } else {
        i++;
      }
    }
    return out;
  }

  private int skipSpace(int from) {
    int i = from;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  // ---- the uses ----

  /** Records the change for one use when it is an allocation, a free, an acquire or a release. */
  private void rewriteUse(IASTName n) {
    if (consumed.contains(n)) {
      return;
    }
    IASTNode parent = n.getParent();
    if (member ? !(parent instanceof IASTFieldReference) : !(parent instanceof IASTIdExpression)) {
      return; // a redeclaration, or a member named without an object: left unconsumed, so no fix
    }
    IASTExpression ref = (IASTExpression) parent;
    IASTNode up = ref.getParent();
    if (up instanceof IASTBinaryExpression b && b.getOperator() == IASTBinaryExpression.op_assign
        && b.getOperand1() == ref && called(b.getOperand2(), "PyThread_allocate_lock", 0) != null) {
      allocation(n, ref, b);
    } else if (up instanceof IASTFunctionCallExpression call && call.getArguments().length > 0
        && call.getArguments()[0] == ref) {
      String fn = calledName(call);
      if ("PyThread_free_lock".equals(fn) && call.getArguments().length == 1) {
        free(n, ref, call);
      } else if ("PyThread_acquire_lock".equals(fn) && call.getArguments().length == 2
          && WAIT.contains(written(call.getArguments()[1]).strip())) {
        acquire(n, ref, call);
      } else if ("PyThread_release_lock".equals(fn) && call.getArguments().length == 1) {
        consumed.add(n);
        changes.add(new Change(ctx.nameOffset(n), List.of(replace(call, "PyMutex_Unlock(&" + written(ref) + ")")), null));
      }
    }
  }

  /**
   * {@code L = PyThread_allocate_lock();} with the NULL check that follows it: deleted for a
   * variable (it starts unlocked); a member gets a fresh unlocked mutex instead, since its memory
   * need not start zeroed. {@code if ((L = PyThread_allocate_lock()) == NULL) ...} likewise.
   */
  private void allocation(IASTName n, IASTExpression ref, IASTBinaryExpression assign) {
    consumed.add(n);
    String unlocked = ctx.source().isCpp() ? "PyMutex{}" : "(PyMutex){0}";
    List<TextEdit> edits = new ArrayList<>();
    IASTNode gone;
    if (assign.getParent() instanceof IASTExpressionStatement s) {
      if (member) {
        edits.add(replace(called(assign.getOperand2(), "PyThread_allocate_lock", 0), unlocked));
        gone = null;
      } else {
        edits.add(deletion(s));
        gone = s;
      }
      if (following(s) instanceof IASTIfStatement check && check.getElseClause() == null
          && consume(nullTest(check.getConditionExpression(), ref, true))) {
        edits.add(deletion(check));
      }
    } else {
      IASTNode test = assign.getParent();
      while (test instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
        test = test.getParent();
      }
      boolean failureTest = test instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_not
          || test instanceof IASTBinaryExpression b && b.getOperator() == IASTBinaryExpression.op_equals
              && (isNull(b.getOperand1()) || isNull(b.getOperand2()));
      if (!failureTest || !(test.getParent() instanceof IASTIfStatement check)
          || check.getConditionExpression() != test || check.getElseClause() != null) {
        throw new Refused();
      }
      edits.add(member ? replacement(check, written(ref) + " = " + unlocked + ";") : deletion(check));
      gone = check;
    }
    changes.add(new Change(ctx.nameOffset(n), edits, gone));
  }

  /**
   * {@code PyThread_free_lock(L);} deleted, with a following {@code L = NULL;} and an
   * enclosing {@code if (L)} / {@code if (L != NULL)} that does nothing else.
   */
  private void free(IASTName n, IASTExpression ref, IASTFunctionCallExpression call) {
    if (!(call.getParent() instanceof IASTExpressionStatement s)) {
      throw new Refused();
    }
    consumed.add(n);
    IASTStatement unit = s;
    IASTStatement cleared = clearing(following(s), ref);
    if (s.getParent() instanceof IASTCompoundStatement block
        && block.getStatements().length == (cleared == null ? 1 : 2)
        && block.getParent() instanceof IASTIfStatement guard && guard.getThenClause() == block
        && guard.getElseClause() == null && consume(nullTest(guard.getConditionExpression(), ref, false))) {
      unit = guard;
    } else if (s.getParent() instanceof IASTIfStatement guard && guard.getThenClause() == s
        && guard.getElseClause() == null && consume(nullTest(guard.getConditionExpression(), ref, false))) {
      unit = guard;
    }
    if (unit != s) {
      cleared = cleared != null ? cleared : clearing(following(unit), ref);
    }
    List<TextEdit> edits = new ArrayList<>(List.of(deletion(unit)));
    if (cleared != null && (unit == s || !contains(unit, cleared))) {
      edits.add(deletion(cleared));
    }
    changes.add(new Change(ctx.nameOffset(n), edits, unit));
  }

  /**
   * {@code PyThread_acquire_lock(L, WAIT_LOCK);} becomes {@code PyMutex_Lock(&L);}. A blocking
   * acquire cannot fail, so {@code if (!PyThread_acquire_lock(L, WAIT_LOCK)) { ... }} becomes the
   * same single call.
   */
  private void acquire(IASTName n, IASTExpression ref, IASTFunctionCallExpression call) {
    String lock = "PyMutex_Lock(&" + written(ref) + ")";
    IASTNode up = call.getParent();
    Change c;
    if (up instanceof IASTExpressionStatement) {
      c = new Change(ctx.nameOffset(n), List.of(replace(call, lock)), null);
    } else if (up instanceof IASTCastExpression cast && written(cast).replaceAll("\\s", "").startsWith("(void)")
        && cast.getParent() instanceof IASTExpressionStatement) {
      c = new Change(ctx.nameOffset(n), List.of(replace(cast, lock)), null);
    } else if (up instanceof IASTUnaryExpression not && not.getOperator() == IASTUnaryExpression.op_not
        && not.getParent() instanceof IASTIfStatement check && check.getConditionExpression() == not
        && check.getElseClause() == null) {
      c = new Change(ctx.nameOffset(n), List.of(replacement(check, lock + ";")), check);
    } else {
      throw new Refused(); // the result is used: keep the lock as it is
    }
    consumed.add(n);
    changes.add(c);
  }

  // ---- recognizing the pieces ----

  /** The call when {@code e} is a call of {@code fn} with that many arguments, written in this file. */
  private IASTFunctionCallExpression called(IASTExpression e, String fn, int args) {
    IASTExpression x = bare(e);
    return x instanceof IASTFunctionCallExpression call && fn.equals(calledName(call))
        && call.getArguments().length == args ? call : null;
  }

  /** The name a call is written with in this file; null for a call that a macro writes. */
  private String calledName(IASTFunctionCallExpression call) {
    if (call.getFunctionNameExpression() instanceof IASTIdExpression id) {
      String fn = id.getName().toString();
      int at = ctx.nameOffset(id.getName());
      if (at >= 0 && ctx.inFile(call) && ctx.start(call) == at && text.startsWith(fn, at)) {
        return fn;
      }
    }
    return null;
  }

  /** {@code L = NULL;} (the lock cleared after it was freed), or null. */
  private IASTStatement clearing(IASTStatement s, IASTExpression ref) {
    if (s instanceof IASTExpressionStatement es && es.getExpression() instanceof IASTBinaryExpression b
        && b.getOperator() == IASTBinaryExpression.op_assign && isNull(b.getOperand2())
        && consume(sameLock(b.getOperand1(), ref))) {
      return s;
    }
    return null;
  }

  /**
   * The lock's name when {@code cond} tests the same lock as {@code ref} for NULL
   * ({@code !L}, {@code L == NULL}) or, when {@code failed} is false, for not NULL ({@code L},
   * {@code L != NULL}); else null.
   */
  private IASTName nullTest(IASTExpression cond, IASTExpression ref, boolean failed) {
    IASTExpression e = bare(cond);
    if (e instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_not) {
      return failed ? sameLock(u.getOperand(), ref) : null;
    }
    if (e instanceof IASTBinaryExpression b
        && b.getOperator() == (failed ? IASTBinaryExpression.op_equals : IASTBinaryExpression.op_notequals)) {
      if (isNull(b.getOperand2())) {
        return sameLock(b.getOperand1(), ref);
      }
      return isNull(b.getOperand1()) ? sameLock(b.getOperand2(), ref) : null;
    }
    return failed ? null : sameLock(e, ref);
  }

  /** The lock's name when {@code e} denotes the same lock as {@code ref} (for a member: of the same object). */
  private IASTName sameLock(IASTExpression e, IASTExpression ref) {
    IASTExpression x = bare(e);
    if (!member) {
      return x instanceof IASTIdExpression id && ours.contains(id.getName()) ? id.getName() : null;
    }
    if (x instanceof IASTFieldReference f && ref instanceof IASTFieldReference r && ours.contains(f.getFieldName())
        && f.isPointerDereference() == r.isPointerDereference()
        && squash(written(f.getFieldOwner())).equals(squash(written(r.getFieldOwner())))) {
      return f.getFieldName();
    }
    return null;
  }

  private boolean consume(IASTName n) {
    return n != null && consumed.add(n);
  }

  private boolean isNull(IASTInitializerClause e) {
    return e instanceof IASTExpression x && ctx.inFile(x) && NULLS.contains(written(bare(x)).strip());
  }

  /** The text of a node written in this file. */
  private String written(IASTNode node) {
    if (!ctx.inFile(node)) {
      throw new Refused();
    }
    return ctx.textOf(node);
  }

  private static IASTExpression bare(IASTExpression e) {
    IASTExpression x = e;
    while (x instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) {
      x = u.getOperand();
    }
    return x;
  }

  private static String squash(String s) {
    return s.replaceAll("\\s", "");
  }

  /** The statement after {@code s} in its block, or null. */
  private static IASTStatement following(IASTStatement s) {
    if (s.getParent() instanceof IASTCompoundStatement block) {
      IASTStatement[] all = block.getStatements();
      for (int i = 0; i + 1 < all.length; i++) {
        if (all[i] == s) {
          return all[i + 1];
        }
      }
    }
    return null;
  }

  private static boolean contains(IASTNode outer, IASTNode inner) {
    for (IASTNode p = inner; p != null; p = p.getParent()) {
      if (p == outer) {
        return true;
      }
    }
    return false;
  }

  /** The change (other than {@code self}) whose deleted or replaced statement holds an offset, or null. */
  private Change goneWith(int at, Change self) {
    for (Change c : changes) {
      if (c != self && c.gone() != null && at >= ctx.start(c.gone()) && at < ctx.end(c.gone())) {
        return c;
      }
    }
    return null;
  }

  // ---- edits ----

  private TextEdit replace(IASTNode node, String with) {
    if (!ctx.inFile(node)) {
      throw new Refused();
    }
    return new TextEdit(ctx.start(node), ctx.end(node), with);
  }

  /** Deletes the lines of a statement of a block that has them to itself. */
  private TextEdit deletion(IASTStatement s) {
    int[] lines = linesOf(s);
    return new TextEdit(lines[0], lines[1], "");
  }

  /** Replaces a statement of a block, which has its lines to itself, with one line of code. */
  private TextEdit replacement(IASTStatement s, String code) {
    int[] lines = linesOf(s);
    TextEdit e = new TextEdit(lines[0], lines[1], Edits.indentOf(text, ctx.start(s)) + code + nl);
    statementReplacements.add(e);
    return e;
  }

  private int[] linesOf(IASTStatement s) {
    if (!(s.getParent() instanceof IASTCompoundStatement) || !ctx.inFile(s)
        || !Edits.onlySpaceBefore(text, ctx.start(s)) || !Edits.onlySpaceAfter(text, ctx.end(s))) {
      throw new Refused(); // shares a line with other code, or is the body of an if, a loop or a label
    }
    return new int[] {Edits.lineStart(text, ctx.start(s)), Edits.nextLineStart(text, ctx.end(s))};
  }

  /**
   * Joins deletions of whole lines that touch into one (so that guarding them for older Pythons
   * gives one {@code #if} per block), and checks that no two edits overlap.
   */
  private List<TextEdit> joinDeletions(List<TextEdit> edits) {
    List<TextEdit> sorted = new ArrayList<>(edits);
    sorted.sort(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end));
    List<TextEdit> out = new ArrayList<>();
    for (TextEdit e : sorted) {
      TextEdit last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.end() > e.start()) {
        throw new Refused();
      }
      if (last != null && last.end() == e.start() && wholeLines(last) && wholeLines(e)) {
        out.set(out.size() - 1, new TextEdit(last.start(), e.end(), ""));
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private boolean wholeLines(TextEdit e) {
    return e.newText().isEmpty() && e.start() == Edits.lineStart(text, e.start())
        && e.end() == Edits.nextLineStart(text, e.end() - 1);
  }
}
