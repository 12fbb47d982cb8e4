package dev.ftls.core.rules;

import dev.ftls.core.config.ProjectFacts;
import dev.ftls.core.config.Target;
import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.parse.CompileFlags;
import dev.ftls.core.parse.Deadline;
import dev.ftls.core.parse.ParsedFile;
import dev.ftls.core.semantic.FileModel;
import dev.ftls.core.semantic.ProjectView;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rule sees of one file: the file's semantic model ({@link FileModel}) and where to report
 * findings. Reporting checks the file's time budget, so a rule that reports in a loop stops soon
 * after the budget has passed.
 */
public final class RuleContext extends FileModel {
  private final List<Finding> findings = new ArrayList<>();

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

  public void report(Finding f) {
    checkDeadline();
    findings.add(f);
  }

  List<Finding> findings() {
    return findings;
  }
}
