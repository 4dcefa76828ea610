package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.spi.AsyncStateMachine;
import io.asyncio4j.spi.SourceMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Async stack traces ({@link AsyncStackTraces}) through hand-written frames with fixed points. */
class AsyncStackTraceTest {
  private final EventLoop loop = EventLoop.withVirtualTime();
  private final List<ExceptionContext> reported = new ArrayList<>();

  {
    loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
  }

  @AfterEach
  void closeLoop() {
    if (!loop.isClosed() && !loop.isRunning()) {
      loop.close();
    }
    assertEquals(List.of(), reported, "unexpected exception-handler reports");
  }

  /**
   * A frame as the processor generates it: sets its resume point (label) before the await, so
   * {@link #suspensionPoint()} is the await's position while the awaited thing runs or fails; after
   * resuming it throws {@code error} if given, else returns the await's value.
   */
  static final class Frame<T> extends AsyncStateMachine<T> {
    private final StackTraceElement point;
    private final Awaitable<?> awaitable;
    private final Throwable error;
    private boolean catches;
    private String freshMessage;
    private int label;

    Frame(StackTraceElement point, Awaitable<?> awaitable, Throwable error) {
      this.point = point;
      this.awaitable = awaitable;
      this.error = error;
    }

    /** An exception out of the await is caught and {@code error} thrown instead. */
    Frame<T> catching() {
      catches = true;
      return this;
    }

    /** After resuming, throws a new IOException made in this step (its real throw site). */
    Frame<T> throwingNew(String message) {
      freshMessage = message;
      return this;
    }

    @Override
    protected Object step() throws Throwable {
      Object r;
      if (label == 0) {
        if (awaitable == null) {
          throw error;
        }
        label = 1;
        r = await(awaitable);
        if (r == SUSPENDED) {
          return SUSPENDED;
        }
      } else {
        try {
          r = resumeValue();
        } catch (Throwable e) {
          if (catches) {
            label = 2;
            throw error;
          }
          throw e;
        }
      }
      label = 2;
      if (freshMessage != null) {
        throw new IOException(freshMessage);
      }
      if (error != null) {
        throw error;
      }
      return r;
    }

    @Override
    protected StackTraceElement suspensionPoint() {
      return label == 1 ? point : null;
    }

    @Override
    public String toString() {
      return point == null ? "Frame" : "Frame " + point.getMethodName();
    }
  }

  static <T> Frame<T> awaits(StackTraceElement at, Awaitable<?> a) {
    return new Frame<>(at, a, null);
  }

  static <T> Frame<T> awaitsThenThrows(StackTraceElement at, Awaitable<?> a, Throwable e) {
    return new Frame<>(at, a, e);
  }

  static <T> Frame<T> throwsAtOnce(Throwable e) {
    return new Frame<>(null, null, e);
  }

  static StackTraceElement at(String method, int line) {
    String cls = Character.toUpperCase(method.charAt(0)) + method.substring(1);
    return new StackTraceElement("demo." + cls, method, cls + ".java", line);
  }

  static StackTraceElement frame(String cls, String method) {
    return new StackTraceElement(cls, method, null, 1);
  }

  static StackTraceElement marker(String task) {
    return new StackTraceElement("--- async await ---", "", task, -1);
  }

  static final StackTraceElement ORIGIN = at("boom", 7);
  static final StackTraceElement MAIN = at("main", 3);
  static final StackTraceElement RUN_FOREVER =
      new StackTraceElement("io.asyncio4j.EventLoop", "runForever", "EventLoop.java", 5);

  /** An exception whose Java trace looks like one thrown by a resumed step on a loop. */
  static IOException thrownInStep(String msg) {
    IOException e = new IOException(msg);
    e.setStackTrace(
        new StackTraceElement[] {
          ORIGIN,
          frame("io.asyncio4j.Task", "run"),
          frame("io.asyncio4j.Task", "wake"),
          frame("io.asyncio4j.EventLoop", "dispatch"),
          frame("io.asyncio4j.EventLoop", "runOnce"),
          RUN_FOREVER,
          MAIN
        });
    return e;
  }

  private static List<StackTraceElement> trace(Throwable e) {
    return Arrays.asList(e.getStackTrace());
  }

  /**
   * Three levels of awaits in one task (resumed frame throws, trampolined up), then across a Task
   * boundary to the awaiting task: the exact frames.
   */
  @Test
  void threeLevelsAfterSuspensionAndAcrossATaskBoundary() {
    Future<String> gate = loop.createFuture();
    IOException boom = thrownInStep("boom");
    Frame<String> inner = awaitsThenThrows(at("inner", 10), gate, boom);
    Frame<String> middle = awaits(at("middle", 20), inner);
    Frame<String> root = awaits(at("root", 30), middle);
    Task<String> worker = loop.createTask(root, "worker");
    Task<String> main = loop.createTask(awaits(at("main", 60), worker), "main");
    Loops.runBriefly(loop);
    gate.setResult("go");
    Loops.runBriefly(loop);
    Loops.runBriefly(loop);
    assertSame(boom, main.exception());
    assertEquals(
        List.of(
            ORIGIN,
            marker("worker"),
            at("middle", 20),
            at("root", 30),
            marker("main"),
            at("main", 60),
            AsyncStackTraces.LOOP_MARKER,
            RUN_FOREVER,
            MAIN),
        trace(boom));
  }

  /** The same chain run inline (nothing suspends): the Java frames of the inline awaits go. */
  @Test
  void threeLevelsInlineReplaceTheAwaitFramesWithTheAwaitPoints() {
    IOException boom = new IOException("inline");
    String frameClass = Frame.class.getName();
    StackTraceElement throwSite = new StackTraceElement(frameClass, "step", "T.java", 99);
    boom.setStackTrace(
        new StackTraceElement[] {
          ORIGIN,
          throwSite,
          frame("io.asyncio4j.Coroutine", "await"),
          frame(frameClass, "step"),
          frame("io.asyncio4j.Coroutine", "await"),
          frame(frameClass, "step"),
          frame("io.asyncio4j.Task", "run"),
          frame("io.asyncio4j.Task", "wake"),
          frame("io.asyncio4j.EventLoop", "dispatch"),
          RUN_FOREVER,
          MAIN
        });
    Frame<String> middle = awaits(at("middle", 20), throwsAtOnce(boom));
    Task<String> worker = loop.createTask(awaits(at("root", 30), middle), "worker");
    Task<String> main = loop.createTask(awaits(at("main", 60), worker), "main");
    Loops.runBriefly(loop);
    Loops.runBriefly(loop);
    assertSame(boom, main.exception());
    assertEquals(
        List.of(
            ORIGIN,
            throwSite,
            marker("worker"),
            at("middle", 20),
            at("root", 30),
            marker("main"),
            at("main", 60),
            AsyncStackTraces.LOOP_MARKER,
            RUN_FOREVER,
            MAIN),
        trace(boom));
  }

  /** A task awaited after it failed (the fast path of await) continues the trace the same way. */
  @Test
  void awaitingAnAlreadyFailedTaskContinuesTheTrace() {
    IOException boom = thrownInStep("late");
    Task<String> worker =
        loop.createTask(
            awaitsThenThrows(at("work", 5), Asyncio.sleep(Duration.ZERO), boom), "worker");
    Loops.runIterations(loop, 3);
    assertTrue(worker.done());
    assertEquals(
        List.of(ORIGIN, marker("worker"), AsyncStackTraces.LOOP_MARKER, RUN_FOREVER, MAIN),
        trace(boom));
    Task<String> main = loop.createTask(awaits(at("main", 60), worker), "main");
    Loops.runIterations(loop, 1);
    assertSame(boom, main.exception());
    assertEquals(
        List.of(
            ORIGIN,
            marker("worker"),
            marker("main"),
            at("main", 60),
            AsyncStackTraces.LOOP_MARKER,
            RUN_FOREVER,
            MAIN),
        trace(boom));
  }

  /** An exception relayed by a plain future (as gather relays a child's) is continued. */
  @Test
  void anExceptionRelayedByAPlainFutureIsContinuedByItsAwaiter() {
    Future<String> gate = loop.createFuture();
    IOException boom = thrownInStep("relayed");
    Task<String> worker =
        loop.createTask(
            awaits(at("root", 30), awaitsThenThrows(at("inner", 10), gate, boom)), "worker");
    Future<String> relay = loop.createFuture();
    worker.addDoneCallback(f -> relay.setException(f.exception()));
    Task<String> main = loop.createTask(awaits(at("main", 60), relay), "main");
    Loops.runBriefly(loop);
    gate.setResult("go");
    Loops.runIterations(loop, 4);
    assertSame(boom, main.exception());
    assertEquals(
        List.of(
            ORIGIN,
            marker("worker"),
            at("root", 30),
            marker("main"),
            at("main", 60),
            AsyncStackTraces.LOOP_MARKER,
            RUN_FOREVER,
            MAIN),
        trace(boom));
  }

  /** T2: a failed task awaited by two tasks, and twice by one: the trace never gains frames. */
  @Test
  void awaitingAFailedTaskSeveralTimesAddsNoDuplicateFrames() {
    Future<String> gate = loop.createFuture();
    IOException boom = thrownInStep("once");
    Task<String> worker =
        loop.createTask(
            awaits(at("root", 30), awaitsThenThrows(at("inner", 10), gate, boom)), "worker");
    Task<String> first = loop.createTask(awaits(at("first", 40), worker), "first");
    Loops.runBriefly(loop);
    gate.setResult("go");
    Loops.runBriefly(loop);
    Loops.runBriefly(loop);
    assertSame(boom, first.exception());
    StackTraceElement[] after = boom.getStackTrace();
    assertEquals(
        List.of(
            ORIGIN,
            marker("worker"),
            at("root", 30),
            marker("first"),
            at("first", 40),
            AsyncStackTraces.LOOP_MARKER,
            RUN_FOREVER,
            MAIN),
        Arrays.asList(after));
    Task<String> second = loop.createTask(awaits(at("second", 50), worker), "second");
    Task<String> twice =
        loop.createTask(awaits(at("twice", 70), awaits(at("again", 71), worker)), "twice");
    Loops.runBriefly(loop);
    assertSame(boom, second.exception());
    assertSame(boom, twice.exception());
    assertArrayEquals(after, boom.getStackTrace());
    assertSame(boom, worker.exception());
    assertArrayEquals(after, boom.getStackTrace());
  }

  /** An exception with an immutable stack trace passes through unchanged (and unharmed). */
  @Test
  void anImmutableStackTraceIsLeftAlone() {
    Future<String> gate = loop.createFuture();
    IllegalStateException frozen = new IllegalStateException("frozen", null) {};
    RuntimeException immutable = new RuntimeException("immutable", null, false, false) {};
    Task<String> t =
        loop.createTask(awaits(at("root", 30), awaitsThenThrows(at("inner", 10), gate, immutable)));
    Loops.runBriefly(loop);
    gate.setResult("go");
    Loops.runBriefly(loop);
    assertSame(immutable, t.exception());
    assertEquals(0, immutable.getStackTrace().length);
    assertTrue(frozen.getStackTrace().length > 0);
  }

  /** A cancellation shows where each task was suspended, innermost first; no runtime frames. */
  @Test
  void aCancelledExceptionShowsWhereTheTasksWereSuspended() {
    Future<String> gate = loop.createFuture();
    Task<String> worker =
        loop.createTask(
            awaits(at("root", 30), awaits(at("middle", 20), awaits(at("inner", 10), gate))),
            "worker");
    Task<String> main = loop.createTask(awaits(at("main", 60), worker), "main");
    Loops.runBriefly(loop);
    main.cancel("stop");
    Loops.runBriefly(loop);
    Loops.runBriefly(loop);
    assertTrue(main.cancelled());
    CancelledException ce = assertCancelled(main);
    assertEquals("stop", ce.getMessage());
    List<StackTraceElement> st = trace(ce);
    int loopAt = st.indexOf(AsyncStackTraces.LOOP_MARKER);
    assertEquals(
        List.of(
            marker("worker"),
            at("inner", 10),
            at("middle", 20),
            at("root", 30),
            marker("main"),
            at("main", 60)),
        st.subList(0, loopAt));
    assertEquals("runForever", st.get(loopAt + 1).getMethodName());
  }

  /** A task cancelled while sleeping: the cancellation shows the sleeping await first. */
  @Test
  void aCancelledSleepShowsTheSleepingAwait() {
    Task<String> t =
        loop.createTask(
            awaits(at("root", 30), awaits(at("nap", 10), Asyncio.sleep(Duration.ofSeconds(10)))),
            "sleeper");
    Loops.runIterations(loop, 1);
    t.cancel();
    Loops.runBriefly(loop);
    List<StackTraceElement> st = trace(assertCancelled(t));
    assertEquals(
        List.of(marker("sleeper"), at("nap", 10), at("root", 30), AsyncStackTraces.LOOP_MARKER),
        st.subList(0, 4));
  }

  /**
   * An exception from another thread (a failed CompletableFuture awaited on the fast path) keeps
   * that thread's frames as its origin; the async part follows them.
   */
  @Test
  void aForeignThreadsExceptionKeepsItsFramesAndGetsTheAsyncPartAppended() {
    IOException remote = new IOException("remote");
    StackTraceElement executor = new StackTraceElement("demo.Worker", "fetch", "Worker.java", 12);
    StackTraceElement threadRun = new StackTraceElement("java.lang.Thread", "run", null, -1);
    remote.setStackTrace(new StackTraceElement[] {executor, threadRun});
    CompletableFuture<String> failed = CompletableFuture.failedFuture(remote);
    Task<String> t =
        loop.createTask(awaits(at("root", 30), new StageFrame(at("fetch", 10), failed)), "caller");
    Loops.runIterations(loop, 1);
    assertSame(remote, t.exception());
    assertEquals(
        List.of(executor, threadRun, marker("caller"), at("fetch", 10), at("root", 30)),
        trace(remote));
  }

  /** Awaits a CompletionStage at a fixed point. */
  static final class StageFrame extends AsyncStateMachine<String> {
    private final StackTraceElement point;
    private final CompletionStage<?> stage;
    private int label;

    StageFrame(StackTraceElement point, CompletionStage<?> stage) {
      this.point = point;
      this.stage = stage;
    }

    @Override
    protected Object step() throws Throwable {
      if (label == 0) {
        label = 1;
        Object r = await(stage);
        if (r == SUSPENDED) {
          return SUSPENDED;
        }
        return r;
      }
      return resumeValue();
    }

    @Override
    protected StackTraceElement suspensionPoint() {
      return label == 1 ? point : null;
    }
  }

  private static CancelledException assertCancelled(Task<?> t) {
    try {
      t.result();
    } catch (CancelledException e) {
      return e;
    }
    throw new AssertionError("not cancelled: " + t);
  }

  /** A real exception: the throw site's Java frame, then the async part; no trampoline frames. */
  @Test
  void aRealExceptionKeepsItsThrowSiteAndLosesTheLoopInternals() {
    Future<String> gate = loop.createFuture();
    Task<String> t =
        loop.createTask(
            awaits(
                at("root", 30),
                AsyncStackTraceTest.<String>awaits(at("inner", 10), gate).throwingNew("real")),
            "t");
    Loops.runBriefly(loop);
    gate.setResult("go");
    Loops.runBriefly(loop);
    Throwable boom = t.exception();
    assertEquals("real", boom.getMessage());
    List<StackTraceElement> st = trace(boom);
    assertEquals(AsyncStackTraceTest.class.getName() + "$Frame", st.get(0).getClassName());
    assertEquals("step", st.get(0).getMethodName());
    assertEquals(
        List.of(marker("t"), at("root", 30), AsyncStackTraces.LOOP_MARKER), st.subList(1, 4));
    assertEquals("runForever", st.get(4).getMethodName());
    for (StackTraceElement el : st) {
      assertFalse(
          el.getClassName().equals("io.asyncio4j.Task")
              || el.getMethodName().equals("dispatch")
              || el.getMethodName().equals("runOnce"),
          "loop internals left in " + st);
    }
    StringWriter w = new StringWriter();
    boom.printStackTrace(new PrintWriter(w));
    assertTrue(
        w.toString()
            .contains(
                "\n"
                    + "\tat --- async await ---.(t)\n"
                    + "\tat demo.Root.root(Root.java:30)\n"
                    + "\tat --- event loop ---.(Unknown Source)\n"
                    + "\tat io.asyncio4j.EventLoop.runForever("),
        w.toString());
  }

  /** A frame that catches the exception and throws a new one starts a new trace from there. */
  @Test
  void aNewExceptionThrownByACatchingFrameGetsItsOwnTrace() {
    Future<String> gate = loop.createFuture();
    IOException first = thrownInStep("first");
    IllegalStateException second = new IllegalStateException("second");
    second.setStackTrace(thrownInStep("x").getStackTrace());
    Frame<String> catcher =
        new Frame<String>(at("catcher", 20), awaitsThenThrows(at("inner", 10), gate, first), second)
            .catching();
    Task<String> t = loop.createTask(awaits(at("root", 30), catcher), "t");
    Loops.runBriefly(loop);
    gate.setResult("go");
    Loops.runBriefly(loop);
    assertSame(second, t.exception());
    assertEquals(
        List.of(
            ORIGIN, marker("t"), at("root", 30), AsyncStackTraces.LOOP_MARKER, RUN_FOREVER, MAIN),
        trace(second));
    assertEquals(
        List.of(
            ORIGIN,
            marker("t"),
            at("catcher", 20),
            AsyncStackTraces.LOOP_MARKER,
            RUN_FOREVER,
            MAIN),
        trace(first));
  }

  /**
   * A hand-written state machine with a source map, as the processor generates: generated lines
   * 1000..1002 are the user's lines 20..22 of {@code Leaf.java}, line 1005 (a lambda) is line 30.
   * It awaits {@code gate} first when given, then throws {@code error}.
   */
  @SourceMap(className = "demo.Leaf", method = "leaf", file = "Leaf.java", lines = "1000-1002:20,1005:30")
  static final class Mapped extends AsyncStateMachine<String> {
    private final Awaitable<?> gate;
    private final Throwable error;
    private int label;

    Mapped(Awaitable<?> gate, Throwable error) {
      this.gate = gate;
      this.error = error;
    }

    @Override
    protected Object step() throws Throwable {
      if (label == 0 && gate != null) {
        label = 1;
        if (await(gate) == SUSPENDED) {
          return SUSPENDED;
        }
      } else if (label == 1) {
        resumeValue();
      }
      throw error;
    }
  }

  static StackTraceElement generated(String method, int line) {
    return new StackTraceElement(Mapped.class.getName(), method, "AsyncStackTraceTest.java", line);
  }

  /**
   * The throw site inside a mapped state machine becomes the user's frame, a lambda in its body
   * too; a private-member wrapper and a companion helper go; user frames above stay.
   */
  @Test
  void generatedFramesOfAMappedStateMachineBecomeTheUsersFrames() {
    StackTraceElement util = new StackTraceElement("demo.Util", "check", "Util.java", 5);
    IOException boom = new IOException("mapped");
    boom.setStackTrace(
        new StackTraceElement[] {
          frame(AsyncStackTraceTest.class.getName(), "unbox"),
          util,
          generated("lambda$step$0", 1005),
          generated("invokeCheck", 2000),
          generated("step", 1001),
          frame("io.asyncio4j.Coroutine", "await"),
          frame(Frame.class.getName(), "step"),
          frame("io.asyncio4j.Task", "run"),
          frame("io.asyncio4j.Task", "wake"),
          frame("io.asyncio4j.EventLoop", "dispatch"),
          RUN_FOREVER,
          MAIN
        });
    Frame<String> middle = awaits(at("middle", 20), new Mapped(null, boom));
    Task<String> worker = loop.createTask(awaits(at("root", 30), middle), "worker");
    Task<String> main = loop.createTask(awaits(at("main", 60), worker), "main");
    Loops.runBriefly(loop);
    Loops.runBriefly(loop);
    assertSame(boom, main.exception());
    assertEquals(
        List.of(
            util,
            new StackTraceElement("demo.Leaf", "leaf", "Leaf.java", 30),
            new StackTraceElement("demo.Leaf", "leaf", "Leaf.java", 21),
            marker("worker"),
            at("middle", 20),
            at("root", 30),
            marker("main"),
            at("main", 60),
            AsyncStackTraces.LOOP_MARKER,
            RUN_FOREVER,
            MAIN),
        trace(boom));
  }

  /**
   * After a suspension (the throwing frame is resumed by the task): mapped the same way; a {@code
   * step} line outside the map stays as it is.
   */
  @Test
  void aMappedFrameResumedByItsTaskIsMappedAndAnUnmappedStepLineStays() {
    Future<String> gate = loop.createFuture();
    IOException boom = new IOException("resumed");
    StackTraceElement unmapped = generated("step", 1003);
    boom.setStackTrace(
        new StackTraceElement[] {
          unmapped,
          generated("step", 1002),
          frame("io.asyncio4j.Task", "run"),
          frame("io.asyncio4j.Task", "wake"),
          frame("io.asyncio4j.EventLoop", "dispatch"),
          RUN_FOREVER,
          MAIN
        });
    Task<String> t =
        loop.createTask(awaits(at("root", 30), new Mapped(gate, boom)), "t");
    Loops.runBriefly(loop);
    gate.setResult("go");
    Loops.runBriefly(loop);
    assertSame(boom, t.exception());
    assertEquals(
        List.of(
            unmapped,
            new StackTraceElement("demo.Leaf", "leaf", "Leaf.java", 22),
            marker("t"),
            at("root", 30),
            AsyncStackTraces.LOOP_MARKER,
            RUN_FOREVER,
            MAIN),
        trace(boom));
  }

  /** Without a mapped coroutine the origin is copied unchanged; with one, its frames map. */
  @Test
  void theOriginMapsOnlyTheFramesOfTheCoroutinesGiven() {
    StackTraceElement[] st = {generated("step", 1001), frame("io.asyncio4j.Task", "run")};
    assertArrayEquals(
        new StackTraceElement[] {st[0]}, AsyncStackTraces.toUserFrames(st, 0, 1, null, null));
    assertArrayEquals(
        new StackTraceElement[] {new StackTraceElement("demo.Leaf", "leaf", "Leaf.java", 21)},
        AsyncStackTraces.toUserFrames(st, 0, 1, new Mapped(null, null), null));
  }
}
