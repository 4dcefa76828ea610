package io.asyncio4j.realcode;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a method (plain, or a companion entry point run to completion on a virtual-time loop) on
 * generated arguments and renders what happened as one comparable string: the result or the
 * exception (type and message; a {@code NullPointerException} by type only, since its helpful
 * message names variables), then the arguments' contents after the call.
 */
final class Runner implements AutoCloseable {
  static final String TIMEOUT = "TIMEOUT";

  private final long timeoutMillis;
  private ExecutorService worker = newWorker();

  Runner(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(null, r, "realcode-worker", 64L << 20);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Calls {@code m} (static) on arguments made from {@code inputSeed}; async runs the coroutine.
   */
  String run(Method m, long inputSeed, boolean async) {
    return run(m, inputSeed, async, timeoutMillis);
  }

  /** As {@link #run(Method, long, boolean)}, with its own time limit. */
  String run(Method m, long inputSeed, boolean async, long limitMillis) {
    Future<String> f =
        worker.submit(
            () -> {
              Object[] args;
              try {
                args = arguments(m, inputSeed);
              } catch (RuntimeException e) {
                return "NO-INPUT " + e;
              }
              String what;
              try {
                Object r = m.invoke(null, args);
                if (async) {
                  r = Asyncio.run((Coroutine<?>) r, EventLoop.withVirtualTime());
                }
                what = "returns " + render(r, 0);
              } catch (InvocationTargetException e) {
                what = "throws " + thrown(e.getCause());
              } catch (Throwable e) {
                what = "throws " + thrown(e);
              }
              return what + " | args " + render(args, 0);
            });
    try {
      return f.get(limitMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      worker.shutdownNow();
      worker = newWorker();
      return TIMEOUT;
    } catch (Exception e) {
      return "HARNESS " + e;
    }
  }

  static Object[] arguments(Method m, long inputSeed) {
    Random r = new Random(inputSeed);
    java.lang.reflect.Type[] ts = m.getGenericParameterTypes();
    Object[] args = new Object[ts.length];
    for (int i = 0; i < ts.length; i++) {
      args[i] = Inputs.generate(ts[i], r);
    }
    return args;
  }

  private static String thrown(Throwable t) {
    if (t instanceof NullPointerException) {
      return t.getClass().getName();
    }
    if (t instanceof StackOverflowError) {
      return t.getClass().getName();
    }
    return t.getClass().getName() + ": " + t.getMessage();
  }

  static String render(Object o, int depth) {
    if (depth > 6) {
      return "...";
    }
    if (o == null) {
      return "null";
    }
    Class<?> c = o.getClass();
    if (o instanceof String) {
      return '"' + (String) o + '"';
    }
    if (o instanceof Number || o instanceof Boolean || o instanceof Character) {
      return c.getSimpleName() + ":" + o;
    }
    if (c.isArray()) {
      StringBuilder sb = new StringBuilder(c.getComponentType().getSimpleName()).append("[");
      int n = Array.getLength(o);
      for (int i = 0; i < n && i < 200; i++) {
        sb.append(i == 0 ? "" : ", ").append(render(Array.get(o, i), depth + 1));
      }
      return sb.append("]").toString();
    }
    if (o instanceof Map) {
      StringBuilder sb = new StringBuilder(c.getSimpleName()).append("{");
      int i = 0;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        if (i++ > 200) {
          break;
        }
        sb.append(render(e.getKey(), depth + 1))
            .append("=")
            .append(render(e.getValue(), depth + 1));
        sb.append(", ");
      }
      return sb.append("}").toString();
    }
    if (o instanceof Collection) {
      StringBuilder sb = new StringBuilder(c.getSimpleName()).append("[");
      int i = 0;
      for (Object e : (Collection<?>) o) {
        if (i++ > 200) {
          break;
        }
        sb.append(render(e, depth + 1)).append(", ");
      }
      return sb.append("]").toString();
    }
    if (o instanceof Enum) {
      return c.getName() + "." + ((Enum<?>) o).name();
    }
    if (o instanceof CharSequence) {
      return c.getSimpleName() + ":\"" + o + '"';
    }
    try {
      if (c.getMethod("toString").getDeclaringClass() != Object.class) {
        return c.getName() + ":" + o;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return c.getName() + ":<toString threw " + e.getClass().getSimpleName() + ">";
    }
    return c.getName();
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
