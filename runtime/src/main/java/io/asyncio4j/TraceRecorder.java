package io.asyncio4j;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Records the lifecycle of tasks in the Chrome trace-event JSON format, so that a run can be opened
 * in <a href="https://ui.perfetto.dev">Perfetto</a> or {@code chrome://tracing}: each loop is a
 * process, each task a thread (track) named after the task, with a slice per step and a slice per
 * await between steps, and instant events when a task is created and when it finishes, fails or is
 * cancelled.
 *
 * <pre>{@code
 * try (TraceRecorder trace = TraceRecorder.toFile(Path.of("run.json"))) {
 *   EventLoop loop = new EventLoop();
 *   trace.attach(loop);
 *   Asyncio.run(main(), loop);
 * }
 * }</pre>
 *
 * <p>Timestamps are the loop's {@link EventLoop#time()} in microseconds (virtual time on a loop
 * made by {@link EventLoop#withVirtualTime()}). Attaching costs the loop one field read per task
 * step while nothing is attached, and nothing else. Without changing code, {@code
 * -Dasyncio4j.trace=run.json} records every loop of the process into {@code run.json}, completed
 * when the JVM exits.
 *
 * <pre>
 * | state    | accepts events | what close() does                            |
 * |----------|----------------|----------------------------------------------|
 * | open     | yes            | ends the JSON array, closes the writer       |
 * | closed   | no (dropped)   | nothing                                      |
 *
 *   open --close()--&gt; closed      open --write fails--&gt; closed (close() rethrows)
 * </pre>
 *
 * <p>Invariants: the output is a JSON array of event objects; once closed it is complete, valid
 * JSON. An I/O error stops recording and is rethrown by {@link #close()}.
 *
 * <p>Threading: thread-safe ({@link #attach}/{@link #detach} are loop-confined for the loop they
 * are given; events from several loops are written under the recorder's lock).
 */
public final class TraceRecorder implements Closeable {
  private final Writer out;
  private boolean first = true;
  private boolean closed;
  private IOException failure;
  private int loops;
  private int tids;

  /**
   * A recorder writing to {@code out} (closed by {@link #close()}).
   *
   * @param out where the trace goes (closed by {@link #close()})
   */
  public TraceRecorder(Writer out) {
    this.out = Objects.requireNonNull(out, "out");
    raw("[");
  }

  /**
   * A recorder writing to {@code file} (created or truncated), UTF-8.
   *
   * @param file the trace file
   * @return the recorder
   * @throws IOException if the file cannot be created
   */
  public static TraceRecorder toFile(Path file) throws IOException {
    return new TraceRecorder(
        new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8)));
  }

  /**
   * Starts recording {@code loop}'s tasks. Call it on the loop's thread or before the loop runs.
   *
   * @param loop the loop to record
   * @throws IllegalStateException if this recorder is already attached to {@code loop}
   */
  public void attach(EventLoop loop) {
    assert loop.inLoop();
    if (find(loop) != null) {
      throw new IllegalStateException("already attached to " + loop);
    }
    int n;
    synchronized (this) {
      n = ++loops;
    }
    LoopTracer tracer = new LoopTracer(loop, n);
    event(
        "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":"
            + tracer.pid
            + ",\"args\":{\"name\":"
            + quote("EventLoop " + n)
            + "}}");
    loop.observer = LoopObserver.add(loop.observer, tracer);
  }

  /**
   * Stops recording {@code loop}; returns whether it was attached. Loop-confined.
   *
   * @param loop the loop to stop recording
   * @return whether it was recorded
   */
  public boolean detach(EventLoop loop) {
    assert loop.inLoop();
    LoopTracer t = find(loop);
    if (t == null) {
      return false;
    }
    loop.observer = LoopObserver.remove(loop.observer, t);
    return true;
  }

  /** Whether this recorder is attached to {@code loop}. Loop-confined. */
  boolean isAttached(EventLoop loop) {
    return find(loop) != null;
  }

  private LoopTracer find(EventLoop loop) {
    LoopObserver o = loop.observer;
    LoopObserver[] all =
        o instanceof LoopObserver.Many ? ((LoopObserver.Many) o).all : new LoopObserver[] {o};
    for (LoopObserver x : all) {
      if (x instanceof LoopTracer && ((LoopTracer) x).recorder() == this) {
        return (LoopTracer) x;
      }
    }
    return null;
  }

  /** Ends the JSON array and closes the output; events after this are dropped. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      if (failure != null) {
        IOException f = failure;
        failure = null;
        throw f;
      }
      return;
    }
    raw("\n]\n");
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
    if (failure != null) {
      IOException f = failure;
      failure = null;
      throw f;
    }
  }

  private synchronized int nextTid() {
    return ++tids;
  }

  private synchronized void event(String json) {
    if (closed) {
      return;
    }
    raw(first ? "\n" : ",\n");
    first = false;
    raw(json);
  }

  private void raw(String s) {
    try {
      out.write(s);
    } catch (IOException e) {
      failure = e;
      closed = true;
    }
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  private static String micros(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1000.0);
  }

  /** Per task: its track and the open await slice. Loop-confined. */
  private static final class TaskTrack {
    final int tid;
    long stepStart;
    String resumedAt;
    long awaitStart = -1;
    String awaiting;
    String suspendedAt;

    TaskTrack(int tid) {
      this.tid = tid;
    }
  }

  /** The observer attached to one loop. Loop-confined. */
  private final class LoopTracer implements LoopObserver {
    final EventLoop loop;
    final String pid;
    final Map<Task<?>, TaskTrack> tracks = new IdentityHashMap<>();

    LoopTracer(EventLoop loop, int n) {
      this.loop = loop;
      this.pid = String.valueOf(n);
    }

    TraceRecorder recorder() {
      return TraceRecorder.this;
    }

    private TaskTrack track(Task<?> t) {
      TaskTrack k = tracks.get(t);
      if (k == null) {
        k = new TaskTrack(nextTid());
        tracks.put(t, k);
        event(
            "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":"
                + pid
                + ",\"tid\":"
                + k.tid
                + ",\"args\":{\"name\":"
                + quote(t.getName())
                + "}}");
      }
      return k;
    }

    private String head(String name, String cat, String ph, long ts, TaskTrack k) {
      return "{\"name\":"
          + quote(name)
          + ",\"cat\":"
          + quote(cat)
          + ",\"ph\":\""
          + ph
          + "\",\"ts\":"
          + micros(ts)
          + ",\"pid\":"
          + pid
          + ",\"tid\":"
          + k.tid;
    }

    @Override
    public void taskCreated(Task<?> t) {
      TaskTrack k = track(t);
      Task<?> creator = loop.currentTask;
      event(
          head("created", "task", "i", loop.time(), k)
              + ",\"s\":\"t\",\"args\":{\"coro\":"
              + quote(String.valueOf(t.getCoro()))
              + ",\"createdBy\":"
              + quote(creator == null ? "(callback)" : creator.getName())
              + "}}");
    }

    @Override
    public void stepStarted(Task<?> t) {
      TaskTrack k = track(t);
      long now = loop.time();
      if (k.awaitStart >= 0) {
        event(
            head("await " + k.awaiting, "await", "X", k.awaitStart, k)
                + ",\"dur\":"
                + micros(now - k.awaitStart)
                + ",\"args\":{\"at\":"
                + quote(k.suspendedAt)
                + "}}");
        k.awaitStart = -1;
      }
      k.stepStart = now;
      k.resumedAt = innermost(t);
    }

    @Override
    public void stepEnded(Task<?> t) {
      TaskTrack k = track(t);
      long now = loop.time();
      String then;
      if (t.done()) {
        then =
            t.state == Future.RESULT
                ? "finished"
                : t.state == Future.CANCELLED ? "cancelled" : "failed";
      } else {
        k.suspendedAt = innermost(t);
        Object w = t.waiter;
        k.awaiting = w == null ? "yield" : describeWaiter(w);
        k.awaitStart = now;
        then = "suspended";
      }
      event(
          head("step", "task", "X", k.stepStart, k)
              + ",\"dur\":"
              + micros(now - k.stepStart)
              + ",\"args\":{\"resumedAt\":"
              + quote(k.resumedAt)
              + ",\"then\":\""
              + then
              + "\""
              + (t.done()
                  ? ""
                  : ",\"suspendedAt\":"
                      + quote(k.suspendedAt)
                      + ",\"awaiting\":"
                      + quote(t.waiter == null ? "yield" : String.valueOf(t.waiter)))
              + "}}");
      if (t.done()) {
        String detail =
            t.state == Future.RESULT
                ? ",\"args\":{\"result\":" + quote(String.valueOf(t.value)) + "}"
                : ",\"args\":{\"exception\":" + quote(String.valueOf(t.value)) + "}";
        event(head(then, "task", "i", now, k) + ",\"s\":\"t\"" + detail + "}");
        tracks.remove(t);
      }
    }

    private String describeWaiter(Object w) {
      if (w instanceof Task) {
        return "Task " + ((Task<?>) w).getName();
      }
      if (w instanceof Sleep) {
        return "sleep";
      }
      return w.getClass().getSimpleName().isEmpty() ? "Future" : w.getClass().getSimpleName();
    }

    private String innermost(Task<?> t) {
      List<StackTraceElement> s = t.getStack();
      return s.isEmpty() ? null : s.get(0).toString();
    }
  }
}
