package dev.ftls.core.semantic;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeldLocksTest {
  @Test
  void everyLockCallHasOneOfThePartsTheMacroScanLooksForFirst() {
    // the scan of the headers' macros skips a replacement without one of these parts: a lock call
    // named otherwise would never be found in a macro
    for (Set<String> names : List.of(HeldLocks.ACQUIRE, HeldLocks.RELEASE)) {
      for (String name : names) {
        assertTrue(HeldLocks.mayNameALockCall(name), name);
        assertTrue(HeldLocks.mayNameALockCall("do { " + name + "(&m); } while (0)"), name);
      }
    }
    assertFalse(HeldLocks.mayNameALockCall("((PyObject *)(op))->ob_refcnt++"));
  }
}
