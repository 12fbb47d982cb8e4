package dev.ftls.core.rules;

import dev.ftls.core.kb.KnowledgeBase;
import dev.ftls.core.rules.builtin.BindingModuleWithoutGilFlag;
import dev.ftls.core.rules.builtin.BlockingCallInCriticalSection;
import dev.ftls.core.rules.builtin.BlockingCallWhileAttached;
import dev.ftls.core.rules.builtin.BorrowedReferenceAcrossCall;
import dev.ftls.core.rules.builtin.BorrowedReferenceFromSharedContainer;
import dev.ftls.core.rules.builtin.BufferExportCountWithoutLock;
import dev.ftls.core.rules.builtin.CApiCallWhileDetached;
import dev.ftls.core.rules.builtin.CheckThenInsertDictCache;
import dev.ftls.core.rules.builtin.CapsuleChangedWithoutLock;
import dev.ftls.core.rules.builtin.DictItemUsedAfterCriticalSection;
import dev.ftls.core.rules.builtin.DictNextWithoutCriticalSection;
import dev.ftls.core.rules.builtin.DirectObjectFieldAccess;
import dev.ftls.core.rules.builtin.ExitFromCriticalSection;
import dev.ftls.core.rules.builtin.LazilyFilledGlobalCache;
import dev.ftls.core.rules.builtin.LimitedApiOnFreeThreadedTarget;
import dev.ftls.core.rules.builtin.MixedAtomicAndPlainAccess;
import dev.ftls.core.rules.builtin.ModuleWithoutGilDeclaration;
import dev.ftls.core.rules.builtin.MutexNotUnlockedOnEveryPath;
import dev.ftls.core.rules.builtin.NestedSingleObjectCriticalSections;
import dev.ftls.core.rules.builtin.ObjectAllocatorForRawMemory;
import dev.ftls.core.rules.builtin.ObjectLockedInsideTwoObjectSection;
import dev.ftls.core.rules.builtin.ObjectMutexLockedDirectly;
import dev.ftls.core.rules.builtin.PyThreadTypeLock;
import dev.ftls.core.rules.builtin.RefcountSetDirectly;
import dev.ftls.core.rules.builtin.RefcountUniquenessCheck;
import dev.ftls.core.rules.builtin.RemovedApi;
import dev.ftls.core.rules.builtin.SetGilWithoutGuard;
import dev.ftls.core.rules.builtin.SetItemMacroOnExistingContainer;
import dev.ftls.core.rules.builtin.StateLookupInMultiPhaseModule;
import dev.ftls.core.rules.builtin.ThreadRoutineWithoutThreadState;
import dev.ftls.core.rules.builtin.ThreadUnsafeLibcCall;
import dev.ftls.core.rules.builtin.UnbalancedThreadState;
import dev.ftls.core.rules.builtin.UnlockedAccessorOnSharedSequence;
import dev.ftls.core.rules.builtin.UnpairedCriticalSection;
import dev.ftls.core.rules.builtin.UnsynchronizedGlobalWrite;
import dev.ftls.core.rules.builtin.UnsynchronizedObjectField;
import dev.ftls.core.rules.builtin.UnusedSuppression;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The one ordered list of rules. A new rule is a class in builtin/ plus one line here. */
public final class RuleRegistry {
  private static final List<Rule> RULES =
      List.of(
          new ModuleWithoutGilDeclaration(),
          new SetGilWithoutGuard(),
          new BindingModuleWithoutGilFlag(),
          new LimitedApiOnFreeThreadedTarget(),
          new StateLookupInMultiPhaseModule(),
          new BorrowedReferenceFromSharedContainer(),
          new BorrowedReferenceAcrossCall(),
          new RemovedApi(),
          new DictNextWithoutCriticalSection(),
          new DictItemUsedAfterCriticalSection(),
          new UnlockedAccessorOnSharedSequence(),
          new SetItemMacroOnExistingContainer(),
          new UnsynchronizedGlobalWrite(),
          new LazilyFilledGlobalCache(),
          new CapsuleChangedWithoutLock(),
          new BufferExportCountWithoutLock(),
          new PyThreadTypeLock(),
          new UnsynchronizedObjectField(),
          new CheckThenInsertDictCache(),
          new ThreadUnsafeLibcCall(),
          new MixedAtomicAndPlainAccess(),
          new NestedSingleObjectCriticalSections(),
          new ObjectLockedInsideTwoObjectSection(),
          new UnpairedCriticalSection(),
          new ExitFromCriticalSection(),
          new ObjectMutexLockedDirectly(),
          new MutexNotUnlockedOnEveryPath(),
          new BlockingCallInCriticalSection(),
          new CApiCallWhileDetached(),
          new BlockingCallWhileAttached(),
          new UnbalancedThreadState(),
          new ThreadRoutineWithoutThreadState(),
          new ObjectAllocatorForRawMemory(),
          new RefcountUniquenessCheck(),
          new RefcountSetDirectly(),
          new DirectObjectFieldAccess(),
          new UnusedSuppression());

  private RuleRegistry() {}

  public static List<Rule> all() {
    return RULES;
  }

  public static List<RuleMeta> metas() {
    List<RuleMeta> out = new ArrayList<>();
    for (Rule r : RULES) {
      out.add(r.meta());
    }
    return out;
  }

  public static Optional<Rule> byId(String id) {
    for (Rule r : RULES) {
      if (r.meta().id().equalsIgnoreCase(id) || r.meta().name().equalsIgnoreCase(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The rules that concern a C API name (for hover). */
  public static List<RuleMeta> concerning(String apiName, KnowledgeBase kb) {
    List<RuleMeta> out = new ArrayList<>();
    for (Rule r : RULES) {
      if (r.concerns(apiName, kb)) {
        out.add(r.meta());
      }
    }
    return out;
  }
}
