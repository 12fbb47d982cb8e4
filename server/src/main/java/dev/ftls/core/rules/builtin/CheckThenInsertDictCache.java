package dev.ftls.core.rules.builtin;

import dev.ftls.core.fix.Edits;
import dev.ftls.core.fix.Fix;
import dev.ftls.core.fix.SetDefaultRefRewrite;
import dev.ftls.core.rules.Finding;
import dev.ftls.core.rules.RuleBase;
import dev.ftls.core.rules.RuleContext;
import dev.ftls.core.rules.RuleMeta;
import dev.ftls.core.rules.Severity;
import dev.ftls.core.semantic.CallSite;
import dev.ftls.core.semantic.CriticalSections;
import dev.ftls.core.semantic.DictLookupTests;
import dev.ftls.core.semantic.Flow;
import dev.ftls.core.semantic.HeldLocks;
import dev.ftls.core.semantic.SerializedFunctions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;

/**
 * FT305: a dict that other threads can reach is looked up, and on a miss a value is built and
 * stored under the same key and then used: two threads can both miss and each go on with its own
 * object.
 */
public final class CheckThenInsertDictCache extends RuleBase {
  private static final RuleMeta META =
      new RuleMeta(
          "FT305",
          "check-then-insert-dict-cache",
          Severity.WARNING,
          "Dict cache filled on a miss without a lock",
          """
          # FT305 check-then-insert-dict-cache

          ## What it flags
          A cache kept in a dict that other threads can reach (a global or `static`, a field of
          the module state or of an object, a dict passed in), used as "look the key up; if it is
          not there, build the value, store it, and go on with it":
          a lookup (`PyDict_GetItem`, `PyDict_GetItemWithError`, `PyDict_GetItemString`,
          `PyDict_GetItemRef`, `PyDict_GetItemStringRef`, `PyDict_Contains`,
          `PyMapping_GetOptionalItem`, ..., and a project's own wrapper named after one, such as
          `json_PyDict_GetItemRef`), then, on the branch where the key was missing (the
          result tested for `NULL` or `0`, or the code after an early return on a hit), a value
          assigned to a variable, stored with `PyDict_SetItem` or `PyDict_SetItemString` into the
          same dict under the same key, and that variable used after the store. The finding is on
          the store.

          ## Why it matters without the GIL
          Without the GIL two threads can look the key up at the same time, both miss, both build
          a value and both store it: the second store replaces the first, and each thread returns
          its own object. Code that relies on "one object per key" breaks: interned names,
          registries, caches of created types, objects compared by identity (`is`). When the
          building code ran no Python code the GIL made the sequence atomic, so this is new with
          free threading. A thread that read a borrowed reference from the dict can also see that
          object freed when another thread's store replaces it.

          ## Example
          ```c
          static PyObject *type_cache;   /* a dict filled in module init */

          static PyObject *
          type_for(PyObject *self, PyObject *key)
          {
              PyObject *type = PyDict_GetItemWithError(type_cache, key);
              if (type != NULL) {
                  return Py_NewRef(type);
              }
              if (PyErr_Occurred()) {
                  return NULL;
              }
              type = make_type(key);
              if (type == NULL) {
                  return NULL;
              }
              if (PyDict_SetItem(type_cache, key, type) < 0) {
                  Py_DECREF(type);
                  return NULL;
              }
              return type;
          }
          ```

          ## Use instead
          Insert with `PyDict_SetDefaultRef` (Python 3.13+, also in `pythoncapi_compat.h`): it
          stores the value only when the key is still missing, atomically, and gives back (as a
          strong reference) the value the dict holds, whichever thread stored it. Go on with that
          value and release the one you built:
          ```c
              PyObject *stored;
              ...
              if (PyDict_SetDefaultRef(type_cache, key, type, &stored) < 0) {
                  Py_DECREF(type);
                  return NULL;
              }
              Py_DECREF(type);
              type = stored;
              return type;
          ```
          Building a value twice is then harmless as long as building has no side effects of its
          own. When it has (it registers something, or it is expensive), hold a `PyMutex` or a
          critical section on the dict around the lookup, the build and the store instead.

          ## Fix
          When the store is `PyDict_SetItem(dict, key, value)` tested for an error in an `if`
          whose body leaves (`return`, `goto`), directly or through a status variable that the next
          statement mentioning it tests and nothing reads afterwards, and `value` holds a new reference made in the miss
          branch (by an API that returns a new reference or a function of yours that returns a new
          object), the fix replaces the store with `PyDict_SetDefaultRef(dict, key, value, &stored)`
          (the error test becomes `< 0`: the call returns 1, not an error, when the key was there),
          declares `PyObject *stored;` at the start of the enclosing block, and after the test
          releases `value` and goes on with `stored`. The references the function owns stay the
          same. The fix is unsafe: when another thread stored first, the value built here is
          released and the other thread's value is used; check that building the value had no
          effect that must not be lost. When the project's oldest Python is older than 3.13 and the
          file does not include `pythoncapi_compat.h`, the fix also adds, once per file after the
          includes, a definition of `PyDict_SetDefaultRef` for those Pythons (made of
          `PyDict_GetItemWithError` and `PyDict_SetItem`, with the same results and references;
          with the GIL no other thread runs between the two steps unless hashing or comparing the
          key runs Python code).
          `PyDict_SetItemString` stores get no fix: `PyDict_SetDefaultRef` needs a key object.

          ## What it does not flag
          - dicts created in the function and not yet handed out (a local grouping dict);
          - lookups and stores with a lock of the extension's own held, or inside a critical
            section, around both;
          - module initialization (`PyInit_*`, `Py_mod_exec` functions and helpers only they call);
          - stores of a value that is not used after the store (the thread goes on without it), of
            a value not built in the miss branch (`Py_True` as a "seen" marker), or under another
            key; stores on the branch where the key was found (updates, such as counters);
          - targets without free threading.
          A memo whose values are equal but need not be identical (numbers, strings compared with
          `==`) is still reported: the cost is a value built twice and one of them replaced. If
          that is fine for your cache, suppress the finding there.

          ## References
          - https://docs.python.org/3/c-api/dict.html#c.PyDict_SetDefaultRef
          - https://docs.python.org/3/howto/free-threading-extensions.html#container-thread-safety
          - https://docs.python.org/3/c-api/init.html#c.Py_BEGIN_CRITICAL_SECTION

          ## Proof
          [FT305-check-then-insert](https://github.com/ftls-dev/ftls/tree/main/test-workspaces/proof/FT305-check-then-insert)
          runs this race on a free-threaded CPython (8 threads look up one missing key at once and
          go on with different values); `scripts/prove.sh` shows `unsafe.c` failing and `fixed.c`
          holding (README, "Race proofs").
          """,
          true);

  /** The stores that fill the cache. */
  private static final Set<String> STORES = Set.of("PyDict_SetItem", "PyDict_SetItemString");

  public CheckThenInsertDictCache() {
    super(META, union(DictLookupTests.LOOKUPS.keySet(), STORES, Set.of("PyDict_SetDefaultRef")));
  }

  private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    out.addAll(c);
    return out;
  }

  @Override
  public void check(RuleContext ctx) {
    if (!ctx.target().freeThreaded()) {
      return;
    }
    SerializedFunctions serialized = SerializedFunctions.of(ctx);
    Set<CallSite> reported = new HashSet<>();
    for (IASTFunctionDefinition fn : ctx.functions()) {
      if (serialized.contains(fn)) {
        continue;
      }
      List<CallSite> calls = ctx.callsIn(fn);
      for (CallSite lookup : calls) {
        if (DictLookupTests.lookup(lookup.name()) == null || lookup.args().size() < 2) {
          continue;
        }
        for (CallSite store : calls) {
          if (store.start() <= lookup.end() || !STORES.contains(store.name()) || store.args().size() != 3
              || reported.contains(store) || !sameEntry(lookup, store)) {
            continue;
          }
          String value = store.arg(2);
          if (!Edits.isIdentifier(value) || !builtBetween(ctx, value, lookup, store)
              || !usedAfter(ctx, fn, value, store) || !DictLookupTests.onMissPath(ctx, lookup, store)
              || ctx.containerOrigins().isPrivate(fn, lookup.arg(0), lookup.start())
              || locked(ctx, fn, lookup, store)) {
            continue;
          }
          reported.add(store);
          report(ctx, fn, lookup, store, value);
        }
      }
    }
  }

  private void report(RuleContext ctx, IASTFunctionDefinition fn, CallSite lookup, CallSite store, String value) {
    String dict = Edits.baseName(lookup.arg(0));
    String message = "'" + dict + "' is looked up with " + lookup.name() + " and filled with " + store.name()
        + " on a miss, without a lock: two threads can both miss, both store, and each go on with its own '"
        + value + "'; insert with PyDict_SetDefaultRef and use the value it returns";
    List<Fix> fixes = ctx.fix(() -> SetDefaultRefRewrite.plan(ctx, fn, lookup, store));
    ctx.report(new Finding(META.id(), META.defaultSeverity(),
        "check-then-insert on '" + dict + "' races on a miss; use PyDict_SetDefaultRef",
        message, store.start(), store.nameEnd(), fixes));
  }

  /** The store writes the dict and key the lookup read (as written, after casts and spaces). */
  private static boolean sameEntry(CallSite lookup, CallSite store) {
    return CriticalSections.key(lookup.arg(0)).equals(CriticalSections.key(store.arg(0)))
        && lookup.arg(1).replaceAll("\\s", "").equals(store.arg(1).replaceAll("\\s", ""));
  }

  /** The stored variable is assigned between the lookup and the store: the miss branch builds it. */
  private static boolean builtBetween(RuleContext ctx, String value, CallSite lookup, CallSite store) {
    String between = ctx.text().substring(lookup.end(), store.start());
    return Pattern.compile("\\b" + Pattern.quote(value) + "\\s*=(?!=)").matcher(between).find();
  }

  /** The stored variable is read after the store, on a path that can follow it. */
  private static boolean usedAfter(RuleContext ctx, IASTFunctionDefinition fn, String value, CallSite store) {
    String text = ctx.text();
    int fnEnd = ctx.end(fn);
    Matcher m = Pattern.compile("\\b" + Pattern.quote(value) + "\\b").matcher(text).region(store.end(), fnEnd);
    while (m.find()) {
      String after = text.substring(m.end(), Math.min(fnEnd, m.end() + 4)).stripLeading();
      boolean assigned = after.startsWith("=") && !after.startsWith("==");
      if (!assigned && !releasedOnly(text, m.start()) && Flow.reaches(ctx, ctx.nodeOf(store), m.start())) {
        return true;
      }
      if (assigned && Flow.reaches(ctx, ctx.nodeOf(store), m.start())) {
        return false; // overwritten before any use
      }
    }
    return false;
  }

  /** {@code Py_DECREF(v)} / {@code Py_CLEAR(v)} alone is not a use of the value. */
  private static boolean releasedOnly(String text, int at) {
    String before = text.substring(Math.max(0, at - 16), at);
    return before.matches("(?s).*\\b(Py_X?DECREF|Py_CLEAR)\\s*\\(\\s*$");
  }

  /** A lock of the extension's own, or a critical section on the dict, held at both calls. */
  private static boolean locked(RuleContext ctx, IASTFunctionDefinition fn, CallSite lookup, CallSite store) {
    HeldLocks locks = HeldLocks.of(ctx);
    if (locks.heldAt(fn, lookup.start()) && locks.heldAt(fn, store.start())) {
      return true;
    }
    List<String> names = ctx.containerOrigins().resolve(fn, lookup.arg(0), lookup.start()).aliases();
    return ctx.sections().lockedAtAny(fn, lookup.start(), names) && ctx.sections().lockedAtAny(fn, store.start(), names);
  }
}
