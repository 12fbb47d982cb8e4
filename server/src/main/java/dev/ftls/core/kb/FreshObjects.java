package dev.ftls.core.kb;

import java.util.Map;

/**
 * C API functions that always return a new object which no one else holds yet, so a container a
 * function gets from one of them is private to that function until it hands it on.
 *
 * <p>refcounts.dat says which functions return a new reference, but a new reference alone does
 * not make a new object: {@code PyList_GetItemRef} and {@code PyDict_GetItemRef} return items that
 * stay in their container, {@code PySequence_Fast} returns its argument when that is a list or a
 * tuple, {@code PyImport_ImportModule} a module every importer shares. So this table is ftls' own,
 * one reason per entry taken from what the function is documented to do; every entry must also be
 * a new reference in the knowledge base (checked by {@code FreshObjectsTest}), so the table can
 * only narrow what the data says.
 */
public final class FreshObjects {
  private FreshObjects() {}

  /** Name to why its result is always a new object. */
  public static final Map<String, String> ALWAYS_NEW = Map.ofEntries(
      Map.entry("PyList_New", "creates a list"),
      Map.entry("PyDict_New", "creates a dict"),
      Map.entry("PyTuple_New", "creates a tuple (the empty one is shared, but tuples never change)"),
      Map.entry("PyTuple_Pack", "creates a tuple"),
      Map.entry("PySet_New", "creates a set"),
      Map.entry("PyFrozenSet_New", "creates a frozenset"),
      Map.entry("PyStructSequence_New", "creates a struct sequence instance"),
      Map.entry("PyDict_Copy", "a shallow copy: a new dict"),
      Map.entry("PyDict_Items", "a new list of the dict's (key, value) pairs"),
      Map.entry("PyDict_Keys", "a new list of the dict's keys"),
      Map.entry("PyDict_Values", "a new list of the dict's values"),
      Map.entry("PyMapping_Items", "a new list of the mapping's items"),
      Map.entry("PyMapping_Keys", "a new list of the mapping's keys"),
      Map.entry("PyMapping_Values", "a new list of the mapping's values"),
      Map.entry("PyList_GetSlice", "a new list holding the slice"),
      Map.entry("PyTuple_GetSlice", "a tuple holding the slice (tuples never change)"),
      Map.entry("PyList_AsTuple", "a new tuple with the list's items"),
      Map.entry("PySequence_List", "a new list, even when the argument is a list"),
      Map.entry("PySequence_Tuple", "a tuple with the items (tuples never change)"),
      Map.entry("PyObject_Dir", "a new list of names"),
      Map.entry("PyUnicode_Split", "a new list of substrings"),
      Map.entry("PyUnicode_RSplit", "a new list of substrings"),
      Map.entry("PyUnicode_Splitlines", "a new list of lines"),
      Map.entry("PyUnicode_Partition", "a new 3-tuple"),
      Map.entry("PyUnicode_RPartition", "a new 3-tuple"),
      Map.entry("PyByteArray_FromObject", "creates a bytearray"),
      Map.entry("PyByteArray_FromStringAndSize", "creates a bytearray"),
      Map.entry("Py_BuildValue", "builds a new tuple, list or dict; a format of one object unit (\"O\", \"N\","
          + " \"S\") returns that object itself, see buildsOnlyArgument"),
      // private functions, absent from refcounts.dat, that real extensions call
      Map.entry("_PyDict_NewPresized", "creates a dict (private)"),
      Map.entry("_PyTuple_FromArray", "creates a tuple (private)"),
      Map.entry("_PyList_FromArray", "creates a list (private)"));

  /** Tuple makers among them: their result never changes, private or not. */
  private static final java.util.Set<String> TUPLES = java.util.Set.of("PyTuple_New", "PyTuple_Pack",
      "PyTuple_GetSlice", "PyList_AsTuple", "PySequence_Tuple", "PyUnicode_Partition", "PyUnicode_RPartition",
      "_PyTuple_FromArray");

  /** Whether the function's result is always a new object the caller alone holds. */
  public static boolean alwaysNew(String name) {
    return ALWAYS_NEW.containsKey(name);
  }

  /** Whether the function always returns a tuple. */
  public static boolean makesTuple(String name) {
    return TUPLES.contains(name);
  }

  /**
   * Whether a {@code Py_BuildValue} format (the literal's text, quotes included) has a single
   * object unit and so returns the argument itself instead of a new container.
   */
  public static boolean buildsOnlyArgument(String format) {
    return format != null && format.strip().matches("\"[ONS][&!]?\"");
  }
}
