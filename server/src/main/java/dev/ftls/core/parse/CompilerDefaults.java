package dev.ftls.core.parse;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a GCC-compatible compiler predefines and where it looks for system headers, so CDT sees
 * the same preprocessor state as the user's compiler. Found by looking at the file system, never
 * by running a compiler.
 */
final class CompilerDefaults {
  private static final List<String> SYSTEM_INCLUDES = findSystemIncludes();
  private static final List<String> CPP_INCLUDES = findCppIncludes();

  private CompilerDefaults() {}

  static List<String> systemIncludes() {
    return SYSTEM_INCLUDES;
  }

  /** The folders a C++ compiler searches: its standard library first, then the C ones. */
  static List<String> systemIncludes(boolean cpp) {
    if (!cpp) {
      return SYSTEM_INCLUDES;
    }
    List<String> all = new ArrayList<>(CPP_INCLUDES);
    all.addAll(SYSTEM_INCLUDES);
    return all;
  }

  /** libstdc++'s folders for the newest version installed (/usr/include/c++/N and its target folder). */
  private static List<String> findCppIncludes() {
    List<String> dirs = new ArrayList<>();
    File[] versions = new File("/usr/include/c++").listFiles(File::isDirectory);
    if (versions == null || versions.length == 0) {
      return List.of();
    }
    Arrays.sort(versions, (a, b) -> b.getName().compareTo(a.getName()));
    String v = versions[0].getName();
    for (String d : List.of("/usr/include/c++/" + v, "/usr/include/x86_64-linux-gnu/c++/" + v,
        "/usr/include/c++/" + v + "/backward")) {
      if (new File(d).isDirectory()) {
        dirs.add(d);
      }
    }
    return List.copyOf(dirs);
  }

  static Map<String, String> predefinedMacros(boolean cpp, String std) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("__GNUC__", "12");
    m.put("__GNUC_MINOR__", "2");
    m.put("__GNUC_PATCHLEVEL__", "0");
    m.put("__STDC__", "1");
    m.put("__STDC_HOSTED__", "1");
    if (cpp) {
      m.put("__cplusplus", cppVersion(std));
    } else {
      m.put("__STDC_VERSION__", cVersion(std));
    }
    m.put("__x86_64__", "1");
    m.put("__x86_64", "1");
    m.put("__linux__", "1");
    m.put("__linux", "1");
    m.put("__unix__", "1");
    m.put("__unix", "1");
    m.put("__ELF__", "1");
    m.put("__LP64__", "1");
    m.put("_LP64", "1");
    m.put("__CHAR_BIT__", "8");
    m.put("__SIZEOF_SHORT__", "2");
    m.put("__SIZEOF_INT__", "4");
    m.put("__SIZEOF_LONG__", "8");
    m.put("__SIZEOF_LONG_LONG__", "8");
    m.put("__SIZEOF_POINTER__", "8");
    m.put("__SIZEOF_SIZE_T__", "8");
    m.put("__SIZEOF_FLOAT__", "4");
    m.put("__SIZEOF_DOUBLE__", "8");
    m.put("__SIZEOF_LONG_DOUBLE__", "16");
    m.put("__SIZEOF_WCHAR_T__", "4");
    m.put("__ORDER_LITTLE_ENDIAN__", "1234");
    m.put("__ORDER_BIG_ENDIAN__", "4321");
    m.put("__BYTE_ORDER__", "__ORDER_LITTLE_ENDIAN__");
    m.put("__SCHAR_MAX__", "0x7f");
    m.put("__SHRT_MAX__", "0x7fff");
    m.put("__INT_MAX__", "0x7fffffff");
    m.put("__LONG_MAX__", "0x7fffffffffffffffL");
    m.put("__LONG_LONG_MAX__", "0x7fffffffffffffffLL");
    m.put("__SIZE_MAX__", "0xffffffffffffffffUL");
    m.put("__SIZE_TYPE__", "long unsigned int");
    m.put("__PTRDIFF_TYPE__", "long int");
    m.put("__WCHAR_TYPE__", "int");
    m.put("__INTMAX_TYPE__", "long int");
    m.put("__UINTMAX_TYPE__", "long unsigned int");
    m.put("__INT64_TYPE__", "long int");
    m.put("__UINT64_TYPE__", "long unsigned int");
    m.put("__CHAR16_TYPE__", "short unsigned int");
    m.put("__CHAR32_TYPE__", "unsigned int");
    // CDT's C parser does not know C11 _Atomic; CPython's headers use it.
    m.put("_Atomic", "");
    m.put("_Atomic(T)", "T");
    // CDT reads neither C11 _Thread_local nor __thread before the type or without static; the
    // analyses see thread-locality in the declaration's text.
    m.put("_Thread_local", "");
    m.put("__thread", "");
    m.put("__has_builtin(x)", "0");
    m.put("__has_attribute(x)", "0");
    m.put("__has_feature(x)", "0");
    m.put("__has_extension(x)", "0");
    return m;
  }

  private static String cVersion(String std) {
    if (std == null) {
      return "201710L";
    }
    if (std.contains("89") || std.contains("90")) {
      return "199409L";
    }
    if (std.contains("99")) {
      return "199901L";
    }
    if (std.contains("11")) {
      return "201112L";
    }
    if (std.contains("2x") || std.contains("23")) {
      return "202311L";
    }
    return "201710L";
  }

  private static String cppVersion(String std) {
    if (std == null) {
      return "201703L";
    }
    if (std.contains("11")) {
      return "201103L";
    }
    if (std.contains("14")) {
      return "201402L";
    }
    if (std.contains("2a") || std.contains("20")) {
      return "202002L";
    }
    if (std.contains("2b") || std.contains("23")) {
      return "202302L";
    }
    return "201703L";
  }

  private static List<String> findSystemIncludes() {
    List<String> dirs = new ArrayList<>();
    File gccRoot = new File("/usr/lib/gcc");
    File[] targets = gccRoot.listFiles(File::isDirectory);
    if (targets != null) {
      Arrays.sort(targets);
      for (File t : targets) {
        File[] versions = t.listFiles(File::isDirectory);
        if (versions == null) {
          continue;
        }
        Arrays.sort(versions, (a, b) -> b.getName().compareTo(a.getName()));
        for (File v : versions) {
          File inc = new File(v, "include");
          if (inc.isDirectory()) {
            dirs.add(inc.getPath());
            break;
          }
        }
      }
    }
    for (String d : List.of("/usr/local/include", "/usr/include/x86_64-linux-gnu", "/usr/include")) {
      if (new File(d).isDirectory()) {
        dirs.add(d);
      }
    }
    return List.copyOf(dirs);
  }
}
