package dev.ftls.core.parse;

import java.util.IdentityHashMap;
import java.util.Map;
import org.eclipse.cdt.core.parser.ParseError;

/**
 * Lets CDT parses run at once although CDT counts their tokens in one counter for the whole JVM.
 *
 * <p>CDT's token budget ({@link ParseControl}) lives in a single static counter: a parse's start
 * sets it to zero and to that parse's limit, and every token any parse makes counts against it. So
 * two parses at once see each other's tokens, and each start forgets what the others made. These
 * turns keep the budget's promise anyway: before a parse starts, the tokens made since the last
 * start are added to a running total; each running parse is charged every token made since it
 * started (its own and the others'); and the limit CDT is given, at each start and whenever a
 * parse ends, is what the most charged running parse has left. So no parse makes more tokens than
 * its own budget allows, however many start beside it. A parse stopped by the budget while others
 * ran may have been charged for their tokens: it runs again {@linkplain #alone alone}, and only
 * that run's verdict stands.
 *
 * <p>When the counter cannot be reached (another CDT build), every parse runs alone, as CDT
 * requires.
 */
final class TokenTurns {
  /** A token counter as these turns see it: CDT's, or a stand-in in tests. */
  interface Counter {
    /** The tokens made since the counter's last reset (a close estimate: read without a lock). */
    int count();

    /** Sets the limit in force until the next reset. */
    void limit(int limit);
  }

  /** The one set of turns for CDT's counter, which is one for the JVM. */
  static final TokenTurns CDT = new TokenTurns(CdtCounter.find());

  /** The counter, or null when parses must run alone. */
  private final Counter counter;
  /** The running parses beside each other, and {@link #made} when each started. */
  private final Map<Turn, Long> running = new IdentityHashMap<>();
  /** Tokens made before the counter's last reset, since these turns were made. */
  private long made;
  private boolean aloneRunning;
  private int aloneWaiting;

  TokenTurns(Counter counter) {
    this.counter = counter;
  }

  /** One parse's turn; {@link #close} when CDT has returned. */
  final class Turn implements AutoCloseable {
    private final boolean alone;
    private final int limit;
    private int cdtLimit;

    private Turn(boolean alone, int limit) {
      this.alone = alone;
      this.limit = limit;
      this.cdtLimit = limit;
    }

    /** Whether the parse ran alone, so that a budget it ran out of was its own. */
    boolean alone() {
      return alone;
    }

    /** The limit to give CDT as this parse starts: its own, or less when a running parse has less left. */
    int cdtLimit() {
      return cdtLimit;
    }

    @Override
    public void close() {
      leave(this);
    }
  }

  /** A turn beside other parses (alone when this CDT's counter cannot be shared). */
  Turn beside(int limit) {
    if (counter == null) {
      return alone(limit);
    }
    synchronized (this) {
      boolean interrupted = false;
      while (aloneRunning || aloneWaiting > 0) {
        interrupted |= waitUninterruptibly();
      }
      made += Math.max(0, counter.count()); // this start resets the counter: keep what the running parses made so far
      Turn turn = new Turn(false, limit);
      running.put(turn, made);
      turn.cdtLimit = leastLeft();
      restoreInterrupt(interrupted);
      return turn;
    }
  }

  /** A turn with no other parse running. */
  Turn alone(int limit) {
    synchronized (this) {
      boolean interrupted = false;
      aloneWaiting++;
      while (aloneRunning || !running.isEmpty()) {
        interrupted |= waitUninterruptibly();
      }
      aloneWaiting--;
      aloneRunning = true;
      restoreInterrupt(interrupted);
      return new Turn(true, limit);
    }
  }

  private synchronized void leave(Turn turn) {
    if (turn.alone) {
      aloneRunning = false;
    } else {
      running.remove(turn);
      if (running.isEmpty()) {
        made = 0; // the next start resets the counter; nobody is charged for the past
      } else {
        counter.limit(leastLeft()); // the parses still running get back what they have left
      }
    }
    notifyAll();
  }

  /**
   * The tokens the most charged running parse may still make after the counter's last reset: its
   * limit less every token made since it started and before that reset (at least 1, so that a
   * parse already over its budget is stopped at the next token).
   */
  private int leastLeft() {
    long least = Integer.MAX_VALUE;
    for (Map.Entry<Turn, Long> e : running.entrySet()) {
      least = Math.min(least, e.getKey().limit - (made - e.getValue()));
    }
    return (int) Math.max(1, least);
  }

  /**
   * Runs CDT work that makes tokens but is no parse (a macro's replacement lexed again for its
   * text): CDT counts those tokens against the limit of whichever parse set it last, which may stop
   * the work with its ParseError although the work has no budget of its own. When that happens it
   * runs again alone, with no limit (the next parse's start sets one again).
   */
  <T> T outsideParses(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (ParseError e) {
      if (e.getErrorKind() != ParseError.ParseErrorKind.TOO_MANY_TOKENS) {
        throw e;
      }
    }
    try (Turn turn = alone(0)) {
      if (counter != null) {
        counter.limit(-1); // CDT's counter: no limit
      }
      return work.get();
    }
  }

  /** Waits for a change of turns; true when the thread was interrupted meanwhile. */
  private boolean waitUninterruptibly() {
    try {
      wait();
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }

  private static void restoreInterrupt(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt(); // the parse's own deadline and its caller decide
    }
  }
}
