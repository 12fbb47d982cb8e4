package dev.ftls.core.fix;

import java.util.List;

/**
 * A mechanical change that cures a finding. A safe fix is exactly equivalent code; an unsafe fix
 * changes behaviour and its title says what the user must check.
 */
public record Fix(String title, boolean safe, List<TextEdit> edits) {
  public Fix {
    edits = List.copyOf(edits);
  }
}
