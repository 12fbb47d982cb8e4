package dev.ftls.core.kb;

import java.util.List;

/**
 * Facts about one C API name, generated from CPython's data files plus ftls' own tables.
 *
 * @param name the C identifier (for struct members, "PyObject.ob_refcnt")
 * @param kind "function", "macro", "type", "data" or "member"
 * @param returns "new", "borrowed" or "null" for PyObject* results, null when not known or not an
 *     object
 * @param threadSafety the level from threadsafety.dat (incompatible, compatible, distinct, shared,
 *     atomic), null when CPython does not document one
 * @param stableAbiSince the version that put it in the limited API ("3.2"), null when it is not
 * @param replacement what to use instead in free-threaded code, null when nothing
 * @param params parameter facts from refcounts.dat, in order (may be empty)
 * @param since the CPython version that added the name, null when ftls does not record it (then it
 *     is older than every supported version, or simply not in ftls' tables)
 * @param hazard true when ftls considers a borrowed result (or borrowed outputs) of this name unsafe
 *     to keep while other threads may modify the object it came from
 * @param note why the entry is or is not a hazard, or a one-line remark; null when nothing to say
 * @param removed the CPython version that removed the name ("3.15"), null when it is still there
 */
public record ApiEntry(
    String name,
    String kind,
    String returns,
    String threadSafety,
    String stableAbiSince,
    Replacement replacement,
    List<Param> params,
    String since,
    boolean hazard,
    String note,
    String removed) {

  public ApiEntry {
    params = params == null ? List.of() : List.copyOf(params);
  }

  /** Without a removal version. */
  public ApiEntry(
      String name,
      String kind,
      String returns,
      String threadSafety,
      String stableAbiSince,
      Replacement replacement,
      List<Param> params,
      String since,
      boolean hazard,
      String note) {
    this(name, kind, returns, threadSafety, stableAbiSince, replacement, params, since, hazard, note, null);
  }

  /** The original seven-field form; no version, hazard or note. */
  public ApiEntry(
      String name,
      String kind,
      String returns,
      String threadSafety,
      String stableAbiSince,
      Replacement replacement,
      List<Param> params) {
    this(name, kind, returns, threadSafety, stableAbiSince, replacement, params, null, false, null);
  }

  /**
   * A parameter: its name, C type and refcount effect as refcounts.dat gives it ("+1", "-1", "0",
   * or null when not an object); {@code stolen} when the call takes over the caller's reference.
   */
  public record Param(String name, String type, String refEffect, boolean stolen) {
    public Param(String name, String type, String refEffect) {
      this(name, type, refEffect, false);
    }
  }

  public boolean returnsBorrowed() {
    return "borrowed".equals(returns);
  }

  /**
   * True when keeping this call's borrowed result is a free-threading hazard and a strong-reference
   * replacement exists: the condition for rule FT101.
   */
  public boolean isSharedBorrowHazard() {
    return returnsBorrowed() && replacement != null && hazard;
  }

  /** The parameters whose reference the call steals, in order. */
  public List<Param> stolenParams() {
    return params.stream().filter(Param::stolen).toList();
  }

  /** The page on docs.python.org that documents this name, with its {@code #c.NAME} anchor. */
  public String docsUrl() {
    return DocsPages.urlFor(name);
  }
}
