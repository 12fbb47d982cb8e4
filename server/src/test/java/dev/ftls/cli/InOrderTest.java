package dev.ftls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The order results are handed over in, and how far the jobs may go past an item that takes long. */
class InOrderTest {
  private static final List<Integer> ITEMS = IntStream.range(0, 100).boxed().toList();

  /**
   * Item 0 takes long (until the others have started, or two seconds have passed); returns how many
   * items had started when it ended, and checks that the results came in the items' order.
   */
  private static int startedWhileTheFirstRan(long weightEach) throws InterruptedException {
    AtomicInteger started = new AtomicInteger();
    CountDownLatch othersStarted = new CountDownLatch(ITEMS.size() - 1);
    int[] atFirstEnd = {-1};
    List<Integer> handed = new ArrayList<>();
    InOrder.run(ITEMS, 2, i -> weightEach, i -> {
      started.incrementAndGet();
      if (i == 0) {
        try {
          othersStarted.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        atFirstEnd[0] = started.get();
      } else {
        othersStarted.countDown();
      }
      return i;
    }, handed::add);
    assertEquals(ITEMS, handed);
    return atFirstEnd[0];
  }

  @Test
  void otherJobsGoOnPastALongItemWhileWhatWaitsWeighsLittle() throws InterruptedException {
    // 2 jobs: 4 items at least, then 64 more while they weigh at most 8 MiB in all (1 KiB each here)
    assertEquals(4 + InOrder.MAX_AHEAD, startedWhileTheFirstRan(1024));
  }

  @Test
  void heavyItemsWaitForTheLongOneToBeHandedOver() throws InterruptedException {
    // each item weighs 4 MiB: none beyond the first 4, which already weigh 16 MiB in all
    assertEquals(4, startedWhileTheFirstRan(4L << 20));
  }
}
