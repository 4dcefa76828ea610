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
  private static final io.asyncio4j.spi.Overrides countDownOverrides = io.asyncio4j.spi.Overrides.of(java.lang.invoke.MethodHandles.lookup(), CountDown.class, Gold.class, "countDown", int.class);

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
      lines = "72:12,74-75:13,76:14,77:14,79:15,80:15,82:17",
      points = "3:14"
  )
  private static final class CountDown extends AsyncStateMachine<Integer> {
    private final Gold self;

    private int from;

    private int total;

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
            total = 0;
          case 1:
            if (!(from > 0)) { label = 2; continue dispatch; }
            label = 3;
            r = await(io.asyncio4j.Asyncio.sleep(Duration.ofMillis(from)));
            if (r == SUSPENDED) return SUSPENDED;
          case 3: // resume after await at Gold.java:14
            total += from--;
            label = 1; continue dispatch;
          case 2:
            return (int) (total);
          default:
            throw new IllegalStateException("no state " + label);
        }
      }
    }
  }

  /**
   * State machine of {@code Gold.guarded}: one instance per call, reused across awaits.
   */
  @io.asyncio4j.spi.SourceMap(
      className = "demo.Gold",
      method = "guarded",
      file = "Gold.java",
      lines = "132-133:22,134:23,135:23,137:23,139-141:24,142:24,143:24,145:24",
      points = "3:23"
  )
  private static final class Guarded extends AsyncStateMachine<String> {
    private final Gold self;

    private String key;

    private int finallyKind1;

    private Object finallyValue1;

    private Object result;

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
              region = 1;
              label = 3;
              r = await(io.asyncio4j.Asyncio.sleep(Duration.ZERO, key));
              if (r == SUSPENDED) return SUSPENDED;
            case 3: // resume after await at Gold.java:23
              result = r; finallyKind1 = 2; region = 0; label = 1; continue dispatch;
            case 1:
              {
                key = null;
              }
              if (finallyKind1 == 1) throw (java.lang.Throwable) finallyValue1;
              if (finallyKind1 == 2) { return result; }
            case 2:
              return null;
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
