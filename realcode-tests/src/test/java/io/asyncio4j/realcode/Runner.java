package io.asyncio4j.realcode;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
   * Calls {@code m} on arguments made from {@code inputSeed}, on a fresh receiver from {@code
   * receiver} when that is not null; {@code async}: {@code m} is a companion entry point (the
   * receiver first) and its coroutine runs to completion.
   */
  String run(Method m, Constructor<?> receiver, long inputSeed, boolean async) {
    return run(m, receiver, inputSeed, async, timeoutMillis);
  }

  /** As {@link #run(Method, Constructor, long, boolean)}, with its own time limit. */
  String run(Method m, Constructor<?> receiver, long inputSeed, boolean async, long limitMillis) {
    Future<String> f =
        worker.submit(
            () -> {
              Object self;
              Object[] args;
              try {
                self = receiver == null ? null : receiver.newInstance();
                args = arguments(m, inputSeed, async && self != null);
              } catch (RuntimeException | ReflectiveOperationException e) {
                return "NO-INPUT " + e;
              }
              String what;
              try {
                Object r;
                if (async) {
                  Object[] all = args;
                  if (self != null) {
                    all = new Object[args.length + 1];
                    all[0] = self;
                    System.arraycopy(args, 0, all, 1, args.length);
                  }
                  r = Asyncio.run((Coroutine<?>) m.invoke(null, all), EventLoop.withVirtualTime());
                } else {
                  r = m.invoke(self, args);
                }
                what = "returns " + render(r, 0);
              } catch (InvocationTargetException e) {
                what = "throws " + thrown(e.getCause());
              } catch (Throwable e) {
                what = "throws " + thrown(e);
              }
              return what
                  + " | args "
                  + render(args, 0)
                  + (self == null ? "" : " | self " + fields(self));
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

  /** The receiver's instance fields, each rendered. */
  static String fields(Object o) {
    StringBuilder sb = new StringBuilder(o.getClass().getName()).append('{');
    for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        sb.append(f.getName()).append('=');
        try {
          f.setAccessible(true);
          sb.append(render(f.get(o), 1));
        } catch (RuntimeException | IllegalAccessException e) {
          sb.append('?');
        }
        sb.append(", ");
      }
    }
    return sb.append('}').toString();
  }

  /** The arguments for {@code m}, without its first parameter when that is the receiver. */
  static Object[] arguments(Method m, long inputSeed, boolean skipReceiver) {
    Random r = new Random(inputSeed);
    java.lang.reflect.Type[] ts = m.getGenericParameterTypes();
    int from = skipReceiver ? 1 : 0;
    Object[] args = new Object[ts.length - from];
    for (int i = from; i < ts.length; i++) {
      args[i - from] = Inputs.generate(ts[i], r);
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

  /**
   * {@link #renderRaw} without what differs between two class loaders of the same code: identity
   * hash codes, lambda class names, and anonymous class numbers (the plain mutant's class holds the
   * twins' anonymous classes too, the {@code @Async} twin's class does not).
   */
  static String render(Object o, int depth) {
    return renderRaw(o, depth)
        .replaceAll("\\$\\$Lambda[$/0-9a-fx.]*", "\\$\\$Lambda")
        .replaceAll("\\$[0-9]+\\b", "\\$anon")
        .replaceAll("@[0-9a-f]{4,8}\\b", "@hash");
  }

  private static String renderRaw(Object o, int depth) {
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
        sb.append(i == 0 ? "" : ", ").append(renderRaw(Array.get(o, i), depth + 1));
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
        sb.append(renderRaw(e.getKey(), depth + 1))
            .append("=")
            .append(renderRaw(e.getValue(), depth + 1));
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
        sb.append(renderRaw(e, depth + 1)).append(", ");
      }
      return sb.append("]").toString();
    }
    if (c.isAnonymousClass() || c.isLocalClass()) {
      // The twin's anonymous classes live in the companion: name what they extend instead.
      Class<?> base = c.getInterfaces().length > 0 ? c.getInterfaces()[0] : c.getSuperclass();
      return "anonymous " + base.getName();
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
