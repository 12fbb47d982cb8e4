package dev.ftls.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link ContentHash} gives the values of the xxHash reference tool ({@code xxhsum -H1}). */
class ContentHashTest {
  private static String hex(String text, long seed) {
    return String.format("%016x", ContentHash.xxh64(text.getBytes(StandardCharsets.UTF_8), seed));
  }

  @Test
  void theReferenceValues() {
    // every path of the algorithm: empty, a byte, 4 and 8-byte steps, 32-byte stripes, and their tails
    assertEquals("ef46db3751d8e999", hex("", 0));
    assertEquals("d24ec4f1a98c6e5b", hex("a", 0));
    assertEquals("44bc2cf5ad770999", hex("abc", 0));
    assertEquals("0acedfb27c872659", hex(LONG, 0));
    assertEquals("64f23ecf1609b766", hex("abcdefghijklmnopqrstuvwxyz0123456789", 0));
  }

  static final String LONG = "static PyObject *\nspam_system(PyObject *self, PyObject *args)\n{\n    return NULL;\n}\n";
}
