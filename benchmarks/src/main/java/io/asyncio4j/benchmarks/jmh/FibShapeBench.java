package io.asyncio4j.benchmarks.jmh;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.spi.AsyncStateMachine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bench-peers fib workload (fib(27), 635,621 calls, every call a coroutine awaited inline) as
 * bench-peers measures it: in a fresh JVM, one warm-up run at n − 5, a full GC, then one timed run,
 * in ns per call. Almost all of that run's cost is JIT warm-up (how soon C2 has compiled {@code
 * step()}, and how fast the C1 code is until then), so the shape of the state machine matters more
 * than its steady-state speed. Three hand-written state machines of the same method, {@code
 * shape}:
 *
 * <ul>
 *   <li>{@code generated}: what the processor emits today (a {@code while (true)} dispatch loop
 *       around the switch for the jumps of {@code ?:}, every temporary and spill an {@code Object}
 *       field);
 *   <li>{@code typedSpills}: the same, with the spill and the conditional's temporary as {@code
 *       int} fields;
 *   <li>{@code straight}: no dispatch loop (the switch's cases fall through, {@code ?:} becomes an
 *       {@code if} with an early return) and typed spills: the shape Kotlin emits.
 * </ul>
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar FibShapeBench} (many forks: one
 * sample per fork). {@code -Dasyncio4j.jmx=false}, so that the JMX bean's registration thread
 * (about 40 ms of CPU right when the first loop starts) does not blur the comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 15, jvmArgsAppend = "-Dasyncio4j.jmx=false")
public class FibShapeBench {
  static final int N = 27;

  /** {@code 2·F(N+1) − 1}. */
  static final int CALLS = 635_621;

  @Param({"generated", "typedSpills", "straight"})
  public String shape;

  @Setup(Level.Trial)
  public void warmUp() {
    if (Asyncio.run(fib(N - 5)) != 17_711) {
      throw new AssertionError("fib(" + (N - 5) + ")");
    }
    System.gc();
    System.gc();
  }

  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int fib27() {
    return Asyncio.run(fib(N));
  }

  Coroutine<Integer> fib(int n) {
    switch (shape) {
      case "generated":
        return new Generated(n);
      case "typedSpills":
        return new TypedSpills(n);
      case "straight":
        return new Straight(n);
      default:
        throw new IllegalArgumentException(shape);
    }
  }

  @SuppressWarnings("unchecked")
  private static <V> V typed(Object value, V witness) {
    return (V) value;
  }

  private static int unbox(Integer value) {
    return value;
  }

  /** Only in the dead branches of the generated code, which javac type-checks but never runs. */
  private static int fibPlain(int n) {
    throw new AssertionError();
  }

  /** The processor's output for {@code n < 2 ? n : fib(n - 1) + fib(n - 2)}, comments removed. */
  private static final class Generated extends AsyncStateMachine<Integer> {
    private int n;
    private Object conditional;
    private Object spill;
    private int label;

    Generated(int n) {
      this.n = n;
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
            if (!(n < 2)) {
              label = 1;
              continue dispatch;
            }
            conditional =
                (java.lang.Object) (false ? (n < 2 ? n : fibPlain(n - 1) + fibPlain(n - 2)) : n);
            label = 2;
            continue dispatch;
          case 1:
            label = 3;
            r = await(new Generated(n - 1));
            if (r == SUSPENDED) {
              return SUSPENDED;
            }
          case 3:
            spill = r;
            label = 4;
            r = await(new Generated(n - 2));
            if (r == SUSPENDED) {
              return SUSPENDED;
            }
          case 4:
            conditional =
                (java.lang.Object)
                    (false
                        ? (n < 2 ? n : fibPlain(n - 1) + fibPlain(n - 2))
                        : (unbox(typed(spill, false ? ((int) (java.lang.Object) null) : null))
                            + typed(r, false ? ((int) (java.lang.Object) null) : null)));
          case 2:
            return (int)
                (typed(conditional, false ? (n < 2 ? n : fibPlain(n - 1) + fibPlain(n - 2)) : null));
          default:
            throw new IllegalStateException("no state " + label);
        }
      }
    }
  }

  /** {@link Generated} with {@code int} fields for the spill and the conditional's value. */
  private static final class TypedSpills extends AsyncStateMachine<Integer> {
    private int n;
    private int conditional;
    private int spill;
    private int label;

    TypedSpills(int n) {
      this.n = n;
    }

    @Override
    @SuppressWarnings("fallthrough")
    protected Object step() throws Throwable {
      Object r = null;
      if (label != 0) {
        r = resumeValue();
      }
      dispatch:
      while (true) {
        switch (label) {
          case 0:
            if (!(n < 2)) {
              label = 1;
              continue dispatch;
            }
            conditional = n;
            label = 2;
            continue dispatch;
          case 1:
            label = 3;
            r = await(new TypedSpills(n - 1));
            if (r == SUSPENDED) {
              return SUSPENDED;
            }
          case 3:
            spill = (Integer) r;
            label = 4;
            r = await(new TypedSpills(n - 2));
            if (r == SUSPENDED) {
              return SUSPENDED;
            }
          case 4:
            conditional = spill + (Integer) r;
          case 2:
            return conditional;
          default:
            throw new IllegalStateException("no state " + label);
        }
      }
    }
  }

  /** No dispatch loop, typed spills, no temporary for the conditional's value. */
  private static final class Straight extends AsyncStateMachine<Integer> {
    private int n;
    private int spill;
    private int label;

    Straight(int n) {
      this.n = n;
    }

    @Override
    @SuppressWarnings("fallthrough")
    protected Object step() throws Throwable {
      Object r = null;
      if (label != 0) {
        r = resumeValue();
      }
      switch (label) {
        case 0:
          if (n < 2) {
            return n;
          }
          label = 1;
          r = await(new Straight(n - 1));
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
        case 1:
          spill = (Integer) r;
          label = 2;
          r = await(new Straight(n - 2));
          if (r == SUSPENDED) {
            return SUSPENDED;
          }
        case 2:
          return spill + (Integer) r;
        default:
          throw new IllegalStateException("no state " + label);
      }
    }
  }
}
