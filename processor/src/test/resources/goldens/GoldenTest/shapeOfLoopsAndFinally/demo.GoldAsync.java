package demo;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.sleep;
import io.asyncio4j.Async;
import java.time.Duration;

import io.asyncio4j.Coroutine;
import io.asyncio4j.spi.AsyncStateMachine;
import javax.annotation.processing.Generated;

/**
 * Coroutine entry points of the {@code @Async} methods of {@code Gold}. Generated; do not edit.
 */
@Generated("io.asyncio4j.processor.AsyncProcessor")
@SuppressWarnings("auxiliaryclass")
public final class GoldAsync {
  /**
   * Dispatch of {@code countDown} on the receiver's class.
   */
  private static final io.asyncio4j.spi.Overrides countDownOverrides = io.asyncio4j.spi.Overrides.of(java.lang.invoke.MethodHandles.lookup(), CountDown.class, Gold.class, "countDown", int.class);

  /**
   * Dispatch of {@code guarded} on the receiver's class.
   */
  private static final io.asyncio4j.spi.Overrides guardedOverrides = io.asyncio4j.spi.Overrides.of(java.lang.invoke.MethodHandles.lookup(), Guarded.class, Gold.class, "guarded", java.lang.String.class);

  private GoldAsync() {
  }

  public static Coroutine<Integer> countDown(Gold self, int from) {
    if (self.getClass() != Gold.class) {
      return countDownOverrides.call(self, from);
    }
    return new CountDown(self, from);
  }

  static Coroutine<String> guarded(Gold self, String key) {
    if (self.getClass() != Gold.class) {
      return guardedOverrides.call(self, key);
    }
    return new Guarded(self, key);
  }

  /**
   * State machine of {@code Gold.countDown}: one instance per call, reused across awaits.
   */
  @io.asyncio4j.spi.SourceMap(
      className = "demo.Gold",
      method = "countDown",
      file = "Gold.java",
      lines = "83:12,85-86:13,87:14,88:14,90:15,91:15,93:17",
      points = "3:14"
  )
  private static final class CountDown extends AsyncStateMachine<Integer> {
    private final Gold self;

    private int from;

    private int total;

    /**
     * The state: 0 before the first step, else the resume point or jump target.
     */
    private int label;

    CountDown(Gold self, int from) {
      this.self = self;
      this.from = from;
    }

    @Override
    @SuppressWarnings({"cast", "fallthrough", "unchecked"})
    protected Object step() throws Throwable {
      Object r = null;
      if (label != 0) {
        r = resumeValue();
      }
      dispatch:
      while (true) {
        switch (label) {
          case 0:
            total = 0; // Gold.java:12
          case 1:
            if (!(from > 0)) { label = 2; continue dispatch; } // Gold.java:13
            label = 3; // Gold.java:14
            r = await(io.asyncio4j.Asyncio.sleep(Duration.ofMillis(from))); // Gold.java:14
            if (r == SUSPENDED) return SUSPENDED; // Gold.java:14
          case 3: // resume after await at Gold.java:14
            total += from--; // Gold.java:15
            label = 1; continue dispatch; // Gold.java:15
          case 2:
            return (int) (total); // Gold.java:17
          default:
            throw new IllegalStateException("no state " + label);
        }
      }
    }

    @Override
    protected StackTraceElement suspensionPoint() {
      return suspensionPoint(label);
    }
  }

  /**
   * State machine of {@code Gold.guarded}: one instance per call, reused across awaits.
   */
  @io.asyncio4j.spi.SourceMap(
      className = "demo.Gold",
      method = "guarded",
      file = "Gold.java",
      lines = "156-157:22,158:23,159:23,161:23,163-165:24,166:24,167:24,169:24",
      points = "3:23"
  )
  private static final class Guarded extends AsyncStateMachine<String> {
    private final Gold self;

    private String key;

    private int finallyKind1;

    private Object finallyValue1;

    private Object result;

    /**
     * The state: 0 before the first step, else the resume point or jump target.
     */
    private int label;

    /**
     * The innermost try region with an await that is executing, 0 for none.
     */
    private int region;

    Guarded(Gold self, String key) {
      this.self = self;
      this.key = key;
    }

    @Override
    @SuppressWarnings({"cast", "fallthrough", "unchecked"})
    protected Object step() throws Throwable {
      Object r = null;
      boolean resuming = label != 0;
      dispatch:
      while (true) {
        try {
          if (resuming) {
            resuming = false;
            r = resumeValue();
          }
          switch (label) {
            case 0:
              region = 1; // Gold.java:22
              label = 3; // Gold.java:23
              r = await(io.asyncio4j.Asyncio.sleep(Duration.ZERO, key)); // Gold.java:23
              if (r == SUSPENDED) return SUSPENDED; // Gold.java:23
            case 3: // resume after await at Gold.java:23
              result = r; finallyKind1 = 2; region = 0; label = 1; continue dispatch; // Gold.java:23
            case 1:
              { // Gold.java:24-26
                key = null;
              }
              if (finallyKind1 == 1) throw (java.lang.Throwable) finallyValue1; // Gold.java:24
              if (finallyKind1 == 2) { return result; } // Gold.java:24
            case 2:
              return null; // Gold.java:24
            default:
              throw new IllegalStateException("no state " + label);
          }
        } catch (Throwable ex) {
          if (!handle(ex)) {
            throw ex;
          }
        }
      }
    }

    @Override
    protected StackTraceElement suspensionPoint() {
      return suspensionPoint(label);
    }

    /**
     * Dispatches an exception thrown in a try region to its catch or finally.
     */
    private boolean handle(Throwable ex) {
      while (true) {
        switch (region) {
          case 1: // try at line 22
            region = 0; finallyKind1 = 1; finallyValue1 = ex; label = 1; return true;
          default:
            return false;
        }
      }
    }
  }
}
