package dev.ftls.core.project;

import dev.ftls.core.project.Literals.Arg;
import dev.ftls.core.project.Literals.Opaque;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the literal items of a call's arguments in one build file, and notes each item that is
 * not one (with its text and line) as skipped.
 */
record LiteralArgs(String display, ProjectBuild out) {
  Origin origin(Arg a) {
    return new Origin(display, a == null ? 0 : a.line());
  }

  List<Object> items(Arg a, String key) {
    if (a == null) {
      return List.of();
    }
    if (a.value() instanceof Opaque) {
      skip(a, key, a.value());
      return List.of();
    }
    return a.value() instanceof List<?> l ? new ArrayList<>(l) : List.of(a.value());
  }

  List<String> strings(Arg a, String key) {
    List<String> strings = new ArrayList<>();
    for (Object item : items(a, key)) {
      if (item instanceof String s) {
        strings.add(s);
      } else {
        skip(a, key, item);
      }
    }
    return strings;
  }

  /** Notes an item that is not what the key takes, at its own line when it has one. */
  void skip(Arg a, String key, Object item) {
    Origin at = item instanceof Opaque o && o.line() > 0 ? new Origin(display, o.line()) : origin(a);
    out.notLiteral(at, key, item instanceof Opaque o ? o.text() : String.valueOf(item));
  }
}
