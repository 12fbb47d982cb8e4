package dev.ftls.core.index;

import dev.ftls.core.semantic.ProjectView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A project view that answers from another and keeps every question asked with its answer, so
 * that an analysis made before the project index was complete can be checked against the
 * complete one: an analysis depends on the project only through these answers, so when the
 * complete index answers every question alike ({@link #answersAlike}), the analysis is the one
 * the complete index would have given.
 */
public final class RecordingView implements ProjectView {
  private record Asked(Function<ProjectView, Object> question, Object answer) {}

  private final ProjectView answers;
  private final List<Asked> asked = new ArrayList<>();

  public RecordingView(ProjectView answers) {
    this.answers = answers;
  }

  /** Whether {@code other} answers every question asked so far as it was answered. */
  public boolean answersAlike(ProjectView other) {
    List<Asked> all;
    synchronized (asked) {
      all = List.copyOf(asked);
    }
    for (Asked a : all) {
      if (!Objects.equals(a.question.apply(other), a.answer)) {
        return false;
      }
    }
    return true;
  }

  private <T> T ask(Function<ProjectView, T> question) {
    T answer = question.apply(answers);
    synchronized (asked) {
      asked.add(new Asked(question::apply, answer));
    }
    return answer;
  }

  @Override
  public boolean indexed() {
    return ask(ProjectView::indexed);
  }

  @Override
  public List<Caller> callersElsewhere(Path file, String function) {
    return ask(v -> v.callersElsewhere(file, function));
  }

  @Override
  public String initOnlyReason(Path from, String function) {
    return ask(v -> v.initOnlyReason(from, function));
  }

  @Override
  public int lockEffect(Path from, String function) {
    return ask(v -> v.lockEffect(from, function));
  }

  @Override
  public boolean canBlock(Path from, String function) {
    return ask(v -> v.canBlock(from, function));
  }

  @Override
  public String createsModule(Path from, String function) {
    return ask(v -> v.createsModule(from, function));
  }

  @Override
  public boolean declaresGil(Path from, String function) {
    return ask(v -> v.declaresGil(from, function));
  }

  @Override
  public boolean someFunctionDeclaresGil() {
    return ask(ProjectView::someFunctionDeclaresGil);
  }

  @Override
  public boolean everyModuleDeclaresGil() {
    return ask(ProjectView::everyModuleDeclaresGil);
  }

  @Override
  public boolean returnsNewObject(Path from, String function) {
    return ask(v -> v.returnsNewObject(from, function));
  }

  @Override
  public boolean usedForMultiPhaseInit(String moduleDef) {
    return ask(v -> v.usedForMultiPhaseInit(moduleDef));
  }

  @Override
  public Global globalDefinedElsewhere(Path from, String variable) {
    return ask(v -> v.globalDefinedElsewhere(from, variable));
  }

  @Override
  public List<String> writersElsewhere(Path file, String variable) {
    return ask(v -> v.writersElsewhere(file, variable));
  }
}
