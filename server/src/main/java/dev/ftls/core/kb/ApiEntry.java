package dev.ftls.core.kb;

import java.util.List;

/**
 * Facts about one C API name, generated from CPython's data files plus ftls' own tables.
 *
 * @param name the C identifier
 * @param kind "function", "macro", "type" or "data"
 * @param returns "new", "borrowed" or "null" for PyObject* results, null when not known or not an
 *     object
 * @param threadSafety the level from threadsafety.dat (incompatible, compatible, distinct, shared,
 *     atomic), null when CPython does not document one
 * @param stableAbiSince the version that put it in the limited API ("3.2"), null when it is not
 * @param replacement what to use instead in free-threaded code, null when nothing
 * @param params parameter facts from refcounts.dat, in order (may be empty)
 */
public record ApiEntry(
    String name,
    String kind,
    String returns,
    String threadSafety,
    String stableAbiSince,
    Replacement replacement,
    List<Param> params) {

  /** A parameter: its name, C type and refcount effect as refcounts.dat gives it (may be null). */
  public record Param(String name, String type, String refEffect) {}

  public boolean returnsBorrowed() {
    return "borrowed".equals(returns);
  }

  /** The page on docs.python.org that documents this name. */
  public String docsUrl() {
    return "https://docs.python.org/3/c-api/" + "index.html#" + name;
  }
}
