package dev.ftls.core.rules;

import dev.ftls.core.config.ProjectFacts;
import dev.ftls.core.config.Target;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.Deadline;
import dev.ftls.core.parse.ParsedFile;
import dev.ftls.core.semantic.FileModel;
import dev.ftls.core.semantic.ProjectView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a rule sees of one file: the file's semantic model ({@link FileModel}) and where to report
 * findings. Reporting checks the file's time budget, so a rule that reports in a loop stops soon
 * after the budget has passed.
 */
public final class RuleContext extends FileModel {
  private final List<Finding> findings = new ArrayList<>();
  private boolean wantsFixes = true;

  public RuleContext(ParsedFile parsed, KnowledgeBase kb, Target target) {
    super(parsed, kb, target);
  }

  public RuleContext(ParsedFile parsed, KnowledgeBase kb, Target target, CompileFlags flags, ProjectFacts facts) {
    super(parsed, kb, target, flags, facts);
  }

  @Override
  public RuleContext withDeadline(Deadline deadline) {
    super.withDeadline(deadline);
    return this;
  }

  @Override
  public RuleContext withProject(ProjectView project) {
    super.withProject(project);
    return this;
  }

  @Override
  public RuleContext withMinimumPython(String version) {
    super.withMinimumPython(version);
    return this;
  }

  /**
   * Whether this analysis computes fixes: the CLI always does; the language server publishes
   * diagnostics without them and computes them when the editor asks for a code action.
   */
  public RuleContext withFixes(boolean wanted) {
    this.wantsFixes = wanted;
    return this;
  }

  /** The fixes of a finding, computed only when this analysis wants fixes (else none). */
  public List<Fix> fixes(Supplier<List<Fix>> compute) {
    return wantsFixes ? compute.get() : List.of();
  }

  /** One fix, or none when {@code compute} gives null, computed only when this analysis wants fixes. */
  public List<Fix> fix(Supplier<Fix> compute) {
    if (!wantsFixes) {
      return List.of();
    }
    Fix f = compute.get();
    return f == null ? List.of() : List.of(f);
  }

  public void report(Finding f) {
    checkDeadline();
    findings.add(f);
  }

  List<Finding> findings() {
    return findings;
  }
}
