package dev.ftls.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An analysis made with part of the index is kept only when the whole index answers what it asked alike. */
class RecordingViewTest {
  private static final Path A = Path.of("/p/a.c");
  private static final Path B = Path.of("/p/b.c");

  private static FileSummary calling(Path file, String function, String callee, boolean blocks) {
    return new FileSummary(FileSummary.FORMAT, file.toString(), "stamp-" + file,
        List.of(new FunctionSummary(function, false, 1, callee == null ? List.of() : List.of(new FunctionSummary.Call(callee, false)),
            0, blocks, false, false, null, false, List.of())),
        List.of(), List.of(), List.of());
  }

  @Test
  void answersAreThoseOfTheViewAskedAndAreCheckedAgainstAnother() {
    ProjectIndex part = new ProjectIndex();
    part.put(A, calling(A, "work", "helper", false));
    RecordingView view = new RecordingView(part);
    assertFalse(view.canBlock(A, "helper"), "b.c is not in the part yet");
    assertEquals(List.of(new dev.ftls.core.semantic.ProjectView.Caller(A, "work", false, null)),
        view.callersElsewhere(B, "helper"));
    assertTrue(view.answersAlike(part));

    ProjectIndex whole = new ProjectIndex();
    whole.put(A, calling(A, "work", "helper", false));
    whole.put(B, calling(B, "unrelated", null, true));
    assertTrue(view.answersAlike(whole), "b.c says nothing about helper");

    whole.put(B, calling(B, "helper", null, true));
    assertFalse(view.answersAlike(whole), "helper is b.c's, and it blocks");
  }

  @Test
  void aViewAskedNothingAgreesWithEveryIndex() {
    RecordingView view = new RecordingView(new ProjectIndex());
    ProjectIndex other = new ProjectIndex();
    other.put(B, calling(B, "helper", null, true));
    assertTrue(view.answersAlike(other));
    view.everyModuleDeclaresGil();
    assertTrue(view.answersAlike(other));
  }
}
