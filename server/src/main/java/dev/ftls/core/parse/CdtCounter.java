package dev.ftls.core.parse;

import java.lang.reflect.Field;

/**
 * CDT's token counter, reached by reflection: one static object of CDT's scanner with the tokens
 * made since the last parse started and the limit in force ({@link TokenTurns}).
 */
final class CdtCounter implements TokenTurns.Counter {
  private final Object counter;
  private final Field count;
  private final Field limit;

  private CdtCounter(Object counter, Field count, Field limit) {
    this.counter = counter;
    this.count = count;
    this.limit = limit;
  }

  /** CDT's counter, or null when this build of CDT has none of that shape. */
  static CdtCounter find() {
    try {
      Class<?> token = Class.forName("org.eclipse.cdt.internal.core.parser.scanner.Token");
      Field f = token.getDeclaredField("tokenCounter");
      f.setAccessible(true);
      Object counter = f.get(null);
      Field count = counter.getClass().getDeclaredField("count");
      Field limit = counter.getClass().getDeclaredField("limit");
      if (count.getType() != int.class || limit.getType() != int.class) {
        return null;
      }
      count.setAccessible(true);
      limit.setAccessible(true);
      return new CdtCounter(counter, count, limit);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  @Override
  public int count() {
    try {
      return count.getInt(counter);
    } catch (IllegalAccessException | RuntimeException e) {
      return 0;
    }
  }

  @Override
  public void limit(int value) {
    try {
      limit.setInt(counter, value);
    } catch (IllegalAccessException | RuntimeException e) {
      // the counter keeps the limit of the last start, which is no more than any running parse has left
    }
  }
}
