package dev.ftls.core.kb;

/**
 * The strong-reference (or otherwise thread-safe) API to use instead of an entry, and the first
 * CPython version that has it, as "3.13" (null when every supported version has it). {@code note}
 * says anything the user must know when switching. {@code compat} is true when the
 * pythoncapi_compat.h header provides the replacement for older Pythons.
 */
public record Replacement(String name, String since, String note, boolean compat) {

  public Replacement(String name, String since, String note) {
    this(name, since, note, false);
  }

  /** "3.13+" or "all supported versions", for text users read. */
  public String sinceLabel() {
    return since == null ? "all supported versions" : since + "+";
  }
}
