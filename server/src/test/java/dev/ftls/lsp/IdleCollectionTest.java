package dev.ftls.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the idle server collects: once per idle period after work, never while work runs. */
class IdleCollectionTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicInteger collections = new AtomicInteger();
  private final IdleCollection idle = new IdleCollection(60_000, now::get, busy::get, collections::incrementAndGet);

  private void pass(long ms) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
  }

  @Test
  void noCollectionBeforeAnyWork() {
    pass(600_000);
    idle.tick();
    assertEquals(0, collections.get(), "a server that never worked has nothing to give back");
  }

  @Test
  void collectsOnceAfterTheIdlePeriod() {
    idle.worked();
    pass(59_999);
    idle.tick();
    assertEquals(0, collections.get(), "not before the idle period has passed");
    pass(1);
    idle.tick();
    assertEquals(1, collections.get());
    pass(600_000);
    idle.tick();
    assertEquals(1, collections.get(), "no second collection without work in between");
    idle.worked();
    pass(60_000);
    idle.tick();
    assertEquals(2, collections.get(), "work, then idle again: one more");
  }

  @Test
  void workInTheMeantimeRestartsTheIdlePeriod() {
    idle.worked();
    pass(40_000);
    idle.worked();
    pass(40_000);
    idle.tick();
    assertEquals(0, collections.get());
    pass(20_000);
    idle.tick();
    assertEquals(1, collections.get());
  }

  @Test
  void neverWhileWorkIsScheduledOrRunning() {
    idle.worked();
    busy.set(true);
    pass(600_000);
    idle.tick();
    assertEquals(0, collections.get(), "an analysis that runs long is not idleness");
    busy.set(false);
    idle.tick();
    assertEquals(1, collections.get());
  }
}
