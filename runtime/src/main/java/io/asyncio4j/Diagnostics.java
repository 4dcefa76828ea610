package io.asyncio4j;

import io.asyncio4j.debug.AsyncioMXBean;
import io.asyncio4j.debug.LoopMetrics;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Process-wide debugging support: the system properties, the registry of running loops (for task
 * dumps from other threads and from JMX), debug-mode creation sites and slow-step messages.
 *
 * <p>System properties, read once:
 *
 * <ul>
 *   <li>{@code asyncio4j.debug=true}: every new loop starts in debug mode ({@link
 *       EventLoop#setDebug(boolean)}).
 *   <li>{@code asyncio4j.jmx=false}: do not register {@link AsyncioMXBean} (it is registered, on a
 *       background thread, when the first loop starts running).
 *   <li>{@code asyncio4j.jfr=true}: loops emit JFR events ({@link JfrEvents}) while they run.
 *   <li>{@code asyncio4j.trace=<file>}: every loop that runs is recorded by one {@link
 *       TraceRecorder} writing {@code <file>}, completed when the JVM exits.
 * </ul>
 *
 * <p>Invariants: {@link #RUNNING} holds exactly the loops inside {@code runForever()}; the bean is
 * registered at most once per process.
 *
 * <p>Threading: thread-safe (the registry is concurrent; everything else is stateless or
 * loop-confined as documented per method).
 */
final class Diagnostics {
  static final boolean DEBUG_DEFAULT = Boolean.getBoolean("asyncio4j.debug");
  static final boolean JMX = !"false".equals(System.getProperty("asyncio4j.jmx"));
  static final boolean JFR = Boolean.getBoolean("asyncio4j.jfr");
  static final String TRACE_FILE = System.getProperty("asyncio4j.trace");

  /** The recorder of {@code -Dasyncio4j.trace=<file>}, created by the first loop that runs. */
  private static TraceRecorder processTrace;

  /** How long after the first loop starts the bean is registered (off the startup path). */
  static final long REGISTER_DELAY_MILLIS = 1000;

  /** How long a cross-thread dump waits for a loop to answer. */
  static final long DUMP_TIMEOUT_MILLIS = 2000;

  /** The runtime's classes on the way from the user's createTask call to the creation site. */
  private static final Set<String> CREATION_FRAMES =
      Set.of(
          "io.asyncio4j.Diagnostics",
          "io.asyncio4j.Task",
          "io.asyncio4j.EventLoop",
          "io.asyncio4j.Asyncio",
          "io.asyncio4j.TaskGroup");

  private static final Set<EventLoop> RUNNING = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean BEAN_REQUESTED = new AtomicBoolean();

  private Diagnostics() {}

  // ---------------------------------------------------------------- loop registry

  /** {@code loop} entered {@code runForever()} on the calling thread. */
  static void loopStarted(EventLoop loop) {
    RUNNING.add(loop);
    try {
      if (JFR) {
        JfrEvents.attach(loop);
      }
      if (TRACE_FILE != null) {
        TraceRecorder r = processTrace();
        if (r != null && !r.isAttached(loop)) {
          r.attach(loop);
        }
      }
      if (JMX && !BEAN_REQUESTED.get() && BEAN_REQUESTED.compareAndSet(false, true)) {
        // Starting the platform MBean server takes tens of milliseconds: not on the loop's thread.
        Thread t =
            new Thread(
                () -> {
                  try {
                    Thread.sleep(REGISTER_DELAY_MILLIS);
                  } catch (InterruptedException e) {
                    return;
                  }
                  registerBean();
                },
                "asyncio4j-jmx-registration");
        t.setDaemon(true);
        t.start();
      }
    } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
      // Diagnostics are optional (no jdk.jfr in the image, no threads left): the loop still runs.
      System.getLogger(Diagnostics.class.getName())
          .log(System.Logger.Level.WARNING, "asyncio4j: diagnostics not started", e);
    }
  }

  /**
   * The recorder writing {@code -Dasyncio4j.trace}'s file, closed (completed) by a shutdown hook;
   * {@code null} if the file cannot be written (reported on stderr).
   */
  private static synchronized TraceRecorder processTrace() {
    if (processTrace == null) {
      try {
        TraceRecorder r = TraceRecorder.toFile(java.nio.file.Path.of(TRACE_FILE));
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        r.close();
                      } catch (java.io.IOException e) {
                        System.err.println(
                            "asyncio4j: cannot finish trace " + TRACE_FILE + ": " + e);
                      }
                    },
                    "asyncio4j-trace-close"));
        processTrace = r;
      } catch (java.io.IOException | RuntimeException e) {
        System.err.println("asyncio4j: cannot write trace " + TRACE_FILE + ": " + e);
        return null;
      }
    }
    return processTrace;
  }

  /** {@code loop} left {@code runForever()}. */
  static void loopStopped(EventLoop loop) {
    RUNNING.remove(loop);
  }

  /** The loops running right now, in no particular order. */
  static List<EventLoop> runningLoops() {
    return new ArrayList<>(RUNNING);
  }

  /** Registers {@link AsyncioMXBean} unless it already is; failures are logged at DEBUG. */
  static void registerBean() {
    try {
      ObjectName name = new ObjectName(AsyncioMXBean.OBJECT_NAME);
      var server = ManagementFactory.getPlatformMBeanServer();
      if (!server.isRegistered(name)) {
        server.registerMBean(new StandardMBean(new Bean(), AsyncioMXBean.class, true), name);
      }
    } catch (Exception | LinkageError e) {
      // No JMX (a minimal runtime image, a security manager): dumps remain available in-process.
      System.getLogger(Diagnostics.class.getName())
          .log(System.Logger.Level.DEBUG, "asyncio4j: JMX bean not registered", e);
    }
  }

  /**
   * Dumps every running loop: each loop writes its own part on its thread (through {@code
   * callSoonThreadsafe}); a loop that does not answer within {@code timeoutMillis} is reported as
   * blocked, with its thread's Java stack. Callable from any thread.
   */
  static String dumpAll(long timeoutMillis) {
    List<EventLoop> loops = runningLoops();
    StringBuilder sb = new StringBuilder();
    sb.append("asyncio4j task dump: ").append(loops.size()).append(" running event loop");
    sb.append(loops.size() == 1 ? "" : "s").append('\n');
    for (EventLoop loop : loops) {
      sb.append('\n').append(dumpFromAnyThread(loop, timeoutMillis));
    }
    return sb.toString();
  }

  /**
   * Measures {@code loop} on its own thread (through {@code callSoonThreadsafe}): the time the
   * question waited in the ready queue is the loop's lag. A loop that does not answer within
   * {@code timeoutMillis} is reported as blocked. Callable from any thread but the loop's own.
   */
  static LoopMetrics metrics(EventLoop loop, long timeoutMillis) {
    Thread owner = loop.ownerThread();
    String name = owner != null ? owner.getName() : String.valueOf(loop);
    if (owner == Thread.currentThread()) {
      return sample(loop, name, System.nanoTime());
    }
    CompletableFuture<LoopMetrics> answer = new CompletableFuture<>();
    long asked = System.nanoTime();
    try {
      loop.callSoonThreadsafe(() -> answer.complete(sample(loop, name, asked)));
      return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return new LoopMetrics(name, true, -1, -1, -1, -1, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new LoopMetrics(name, true, -1, -1, -1, -1, -1);
    } catch (ExecutionException | IllegalStateException closed) {
      return new LoopMetrics(name + " (closed)", false, 0, 0, 0, loop.taskSteps, 0);
    }
  }

  /** On the loop: its figures now; the rate covers the time since the previous sample. */
  private static LoopMetrics sample(EventLoop loop, String name, long asked) {
    long now = System.nanoTime();
    long steps = loop.taskSteps;
    long since = loop.sampledAt == Long.MIN_VALUE ? now : loop.sampledAt;
    double rate = now > since ? (steps - loop.sampledSteps) * 1e9 / (now - since) : 0;
    loop.sampledAt = now;
    loop.sampledSteps = steps;
    return new LoopMetrics(
        name, false, loop.tasksAlive, loop.readyLength(), (now - asked) / 1000, steps, rate);
  }

  /** {@link EventLoop#dumpTasks()}, asked from any thread (see {@link #dumpAll}). */
  static String dumpFromAnyThread(EventLoop loop, long timeoutMillis) {
    Thread owner = loop.ownerThread();
    if (owner == Thread.currentThread()) {
      return TaskDump.dump(loop);
    }
    CompletableFuture<String> answer = new CompletableFuture<>();
    try {
      loop.callSoonThreadsafe(
          () -> {
            try {
              answer.complete(TaskDump.dump(loop));
            } catch (RuntimeException e) {
              answer.completeExceptionally(e);
            }
          });
      return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return blocked(loop, owner, timeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return loop + ": interrupted while waiting for its task dump\n";
    } catch (ExecutionException e) {
      return loop + ": task dump failed: " + e.getCause() + "\n";
    } catch (IllegalStateException closed) {
      return loop + ": closed\n";
    }
  }

  private static String blocked(EventLoop loop, Thread owner, long timeoutMillis) {
    StringBuilder sb = new StringBuilder();
    if (owner == null || !loop.isRunning()) {
      return sb.append(loop).append(": stopped before it could answer\n").toString();
    }
    sb.append(loop)
        .append(": BLOCKED - did not answer within ")
        .append(timeoutMillis)
        .append(" ms (a callback or task step has not returned; do not block the loop's thread)")
        .append("\nThread \"")
        .append(owner.getName())
        .append("\" ")
        .append(owner.getState())
        .append('\n');
    for (StackTraceElement el : owner.getStackTrace()) {
      sb.append("\tat ").append(el).append('\n');
    }
    return sb.toString();
  }

  /** The JMX bean: every operation is thread-safe. */
  static final class Bean implements AsyncioMXBean {
    @Override
    public String dumpTasks() {
      return dumpAll(DUMP_TIMEOUT_MILLIS);
    }

    @Override
    public List<LoopMetrics> getLoopMetrics() {
      List<LoopMetrics> all = new ArrayList<>();
      for (EventLoop loop : runningLoops()) {
        all.add(metrics(loop, DUMP_TIMEOUT_MILLIS));
      }
      return all;
    }

    @Override
    public int getRunningLoopCount() {
      return RUNNING.size();
    }

    @Override
    public String[] getLoopThreads() {
      List<String> names = new ArrayList<>();
      for (EventLoop loop : runningLoops()) {
        Thread t = loop.ownerThread();
        if (t != null) {
          names.add(t.getName());
        }
      }
      return names.toArray(new String[0]);
    }
  }

  // ---------------------------------------------------------------- debug mode

  /** Where a task is created: captured in debug mode only (the trace is materialized lazily). */
  static Throwable creationSite(Task<?> t) {
    return new CreationSite();
  }

  /** {@code what}, plus where {@code t} was created when debug mode captured it. */
  static String describeCreation(String what, Task<?> t) {
    Task.Extras x = t.extrasIfAny();
    if (x == null || x.createdAt == null) {
      return what;
    }
    StringBuilder sb = new StringBuilder(what).append(", created at");
    appendCreationSite(sb, x.createdAt, "\n\tat ", t.getCoro().getClass().getClassLoader());
    return sb.toString();
  }

  /**
   * Appends the user's part of a creation site: the frames below the runtime's own, a generated
   * state machine's lines (loaded with {@code loader}, may be null) shown as the user's lines.
   */
  static void appendCreationSite(
      StringBuilder sb, Throwable site, String prefix, ClassLoader loader) {
    StackTraceElement[] st = site.getStackTrace();
    int i = 0;
    while (i < st.length && CREATION_FRAMES.contains(st[i].getClassName())) {
      i++;
    }
    if (i == st.length) {
      i = 0;
    }
    for (; i < st.length; i++) {
      sb.append(prefix).append(AsyncStackTraces.userFrame(st[i], loader));
    }
  }

  /** Debug mode, before a callback runs: the stack a task step resumes at, else {@code null}. */
  static List<StackTraceElement> stackBefore(Object callback) {
    return callback instanceof Task ? ((Task<?>) callback).getStack() : null;
  }

  /**
   * Debug mode: the slow-callback warning; for a task step, {@code headline} is followed by where
   * the step resumed ({@code before}) and where the task then suspended (or that it finished).
   */
  static String slowCallbackMessage(
      String headline, Object callback, List<StackTraceElement> before) {
    if (!(callback instanceof Task)) {
      return headline;
    }
    Task<?> t = (Task<?>) callback;
    StringBuilder sb = new StringBuilder(headline);
    if (before == null || before.isEmpty()) {
      sb.append("\n  the step started the task");
    } else {
      sb.append("\n  the step resumed at");
      appendStack(sb, before);
    }
    if (t.done()) {
      sb.append("\n  and finished the task");
      if (before != null && !before.isEmpty()) {
        // The task finished when its root coroutine, the outermost frame, returned or threw.
        StackTraceElement root = before.get(before.size() - 1);
        sb.append(", leaving ").append(root.getClassName()).append('.').append(root.getMethodName());
        if (root.getFileName() != null) {
          sb.append(" (").append(root.getFileName()).append(')');
        }
      }
    } else {
      sb.append("\n  and then suspended at");
      appendStack(sb, t.getStack());
    }
    return sb.toString();
  }

  private static void appendStack(StringBuilder sb, List<StackTraceElement> stack) {
    for (StackTraceElement el : stack) {
      sb.append("\n\tat ").append(el);
    }
  }

  /** The debug-mode record of where a task was created (never thrown). */
  static final class CreationSite extends Throwable {
    private static final long serialVersionUID = 1L;

    CreationSite() {
      super("task created here", null, false, true);
    }
  }
}
