package dev.ftls.core.index;

import dev.ftls.core.semantic.ProjectView;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A project view that answers from another and keeps every question asked with its answer, so
 * that an analysis made before the project index was complete can be checked against the
 * complete one: an analysis depends on the project only through these answers, so when the
 * complete index answers every question alike ({@link #answersAlike}), the analysis is the one
 * the complete index would have given.
 */
public final class RecordingView implements ProjectView {
  private final ProjectView answers;
  /** Each question asked (its method's name and arguments) once, with its answer. */
  private final Map<List<Object>, Object> asked = new LinkedHashMap<>();

  public RecordingView(ProjectView answers) {
    this.answers = answers;
  }

  /** Whether {@code other} answers every question asked so far as it was answered. */
  public boolean answersAlike(ProjectView other) {
    Map<List<Object>, Object> all;
    synchronized (asked) {
      all = new LinkedHashMap<>(asked);
    }
    for (Map.Entry<List<Object>, Object> a : all.entrySet()) {
      if (!Objects.equals(answer(other, a.getKey()), a.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** The answer of {@code view} to a question as it is kept: the method's name, then its arguments. */
  private static Object answer(ProjectView view, List<Object> q) {
    Path p = q.size() > 1 && q.get(1) instanceof Path path ? path : null;
    String n = q.size() > 2 ? (String) q.get(2) : null;
    return switch ((String) q.get(0)) {
      case "indexed" -> view.indexed();
      case "callersElsewhere" -> view.callersElsewhere(p, n);
      case "initOnlyReason" -> view.initOnlyReason(p, n);
      case "lockEffect" -> view.lockEffect(p, n);
      case "canBlock" -> view.canBlock(p, n);
      case "createsModule" -> view.createsModule(p, n);
      case "declaresGil" -> view.declaresGil(p, n);
      case "someFunctionDeclaresGil" -> view.someFunctionDeclaresGil();
      case "everyModuleDeclaresGil" -> view.everyModuleDeclaresGil();
      case "returnsNewObject" -> view.returnsNewObject(p, n);
      case "usedForMultiPhaseInit" -> view.usedForMultiPhaseInit((String) q.get(1));
      case "globalDefinedElsewhere" -> view.globalDefinedElsewhere(p, n);
      case "writersElsewhere" -> view.writersElsewhere(p, n);
      default -> throw new IllegalArgumentException(q.toString());
    };
  }

  @SuppressWarnings("unchecked")
  private <T> T ask(Object... question) {
    List<Object> q = java.util.Arrays.asList(question);
    synchronized (asked) {
      if (asked.containsKey(q)) {
        return (T) asked.get(q);
      }
    }
    Object a = answer(answers, q);
    synchronized (asked) {
      asked.put(q, a);
    }
    return (T) a;
  }

  @Override
  public boolean indexed() {
    return ask("indexed");
  }

  @Override
  public List<Caller> callersElsewhere(Path file, String function) {
    return ask("callersElsewhere", file, function);
  }

  @Override
  public String initOnlyReason(Path from, String function) {
    return ask("initOnlyReason", from, function);
  }

  @Override
  public int lockEffect(Path from, String function) {
    return ask("lockEffect", from, function);
  }

  @Override
  public boolean canBlock(Path from, String function) {
    return ask("canBlock", from, function);
  }

  @Override
  public String createsModule(Path from, String function) {
    return ask("createsModule", from, function);
  }

  @Override
  public boolean declaresGil(Path from, String function) {
    return ask("declaresGil", from, function);
  }

  @Override
  public boolean someFunctionDeclaresGil() {
    return ask("someFunctionDeclaresGil");
  }

  @Override
  public boolean everyModuleDeclaresGil() {
    return ask("everyModuleDeclaresGil");
  }

  @Override
  public boolean returnsNewObject(Path from, String function) {
    return ask("returnsNewObject", from, function);
  }

  @Override
  public boolean usedForMultiPhaseInit(String moduleDef) {
    return ask("usedForMultiPhaseInit", moduleDef);
  }

  @Override
  public Global globalDefinedElsewhere(Path from, String variable) {
    return ask("globalDefinedElsewhere", from, variable);
  }

  @Override
  public List<String> writersElsewhere(Path file, String variable) {
    return ask("writersElsewhere", file, variable);
  }
}
