package dev.ftls.core.rules;

import java.util.Locale;

/** How loudly a finding is reported. Names follow LSP's DiagnosticSeverity. */
public enum Severity {
  ERROR,
  WARNING,
  INFORMATION,
  HINT;

  /** Lower-case word used in text output and configuration ("warning"). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a label as written in configuration; null when it is not one. */
  public static Severity parse(String label) {
    if (label == null) {
      return null;
    }
    switch (label.trim().toLowerCase(Locale.ROOT)) {
      case "error":
        return ERROR;
      case "warning":
      case "warn":
        return WARNING;
      case "information":
      case "info":
        return INFORMATION;
      case "hint":
        return HINT;
      default:
        return null;
    }
  }
}
