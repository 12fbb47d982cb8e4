package dev.ftls.lsp;

/** Server timing knobs that tools (the benchmark) report alongside their figures. */
public final class Tuning {
  private Tuning() {}

  public static long editDebounceMs() {
    return Workspace.EDIT_DEBOUNCE_MS;
  }
}
