package io.asyncio4j;

import static io.asyncio4j.AsyncStackTraceTest.at;
import static io.asyncio4j.AsyncStackTraceTest.awaits;
import static io.asyncio4j.Coro.awaitingAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Task#getStack()}, {@link Task#printStack()} and {@link EventLoop#dumpTasks()}. */
class TaskDumpTest {
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

  private Task<String> threeDeep(Future<String> gate, String name) {
    return loop.createTask(
        awaits(at("root", 30), awaits(at("middle", 20), awaits(at("inner", 10), gate))), name);
  }

  /** getStack() at a known suspension: the await points, innermost first; empty once done. */
  @Test
  void getStackListsTheAwaitPointsInnermostFirst() {
    Future<String> gate = loop.createFuture();
    Task<String> t = threeDeep(gate, "t");
    assertEquals(List.of(), t.getStack(), "not started: no frame is suspended");
    Loops.runIterations(loop, 1);
    assertEquals(List.of(at("inner", 10), at("middle", 20), at("root", 30)), t.getStack());
    gate.setResult("x");
    Loops.runBriefly(loop);
    assertEquals("x", t.result());
    assertEquals(List.of(), t.getStack());
  }

  /** printStack() prints the stack like a Java stack trace, or a failed task's traceback. */
  @Test
  void printStackPrintsTheStackOrTheTraceback() {
    Future<String> gate = loop.createFuture();
    Task<String> t = threeDeep(gate, "t");
    Loops.runIterations(loop, 1);
    assertEquals(
        "Stack for Task[pending name=t coro=Frame root at=demo.Inner.inner(Inner.java:10)"
            + " waitFor=Future[pending cb=[t.wakeup]]] (innermost first):\n"
            + "\tat demo.Inner.inner(Inner.java:10)\n"
            + "\tat demo.Middle.middle(Middle.java:20)\n"
            + "\tat demo.Root.root(Root.java:30)\n",
        printed(t));
    gate.setException(AsyncStackTraceTest.thrownInStep("boom"));
    Loops.runBriefly(loop);
    assertEquals(
        "Traceback for Task[finished name=t coro=Frame root exception=java.io.IOException: boom]"
            + " (innermost first):\n"
            + "java.io.IOException: boom\n"
            + "\tat demo.Boom.boom(Boom.java:7)\n"
            + "\tat --- async await ---.(t)\n"
            + "\tat demo.Inner.inner(Inner.java:10)\n"
            + "\tat demo.Middle.middle(Middle.java:20)\n"
            + "\tat demo.Root.root(Root.java:30)\n"
            + "\tat --- event loop ---.(Unknown Source)\n"
            + "\tat io.asyncio4j.EventLoop.runForever(EventLoop.java:5)\n"
            + "\tat demo.Main.main(Main.java:3)\n",
        printed(t).replace(System.lineSeparator(), "\n"));
    // Printing is not retrieving: without this, closing the loop reports the exception.
    assertEquals("boom", t.exception().getMessage());
    Task<String> quick = loop.createTask(Coro.returning("r"), "quick");
    Loops.runIterations(loop, 1);
    assertEquals("No stack for Task[finished name=quick coro=Coro result=\"r\"]\n", printed(quick));
  }

  private static String printed(Task<?> t) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    t.printStack(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The dump lists every pending task in creation order with its state and its stack. */
  @Test
  void dumpListsEveryPendingTaskWithItsStateAndStack() {
    Future<String> gate = loop.createFuture();
    threeDeep(gate, "t");
    loop.createTask(awaits(at("sleeper", 5), Asyncio.sleep(Duration.ofSeconds(5))), "sleeper");
    Task<String> cancelling =
        loop.createTask(awaits(at("victim", 8), loop.createFuture()), "victim");
    Loops.runIterations(loop, 1);
    String[] dump = new String[1];
    loop.createTask(
        Coro.start(
            v -> {
              loop.createTask(Coro.returning("later"), "fresh");
              dump[0] = loop.dumpTasks();
              return "dumped";
            }),
        "runner");
    Loops.advance(loop, Duration.ofMillis(1500));
    cancelling.cancel();
    Loops.runIterations(loop, 1);
    String text = dump[0];
    int nl = text.indexOf('\n');
    assertTrue(text.startsWith("Task dump of EventLoop[running=true "), text);
    assertTrue(
        text.substring(0, nl)
            .endsWith(
                " on thread \""
                    + Thread.currentThread().getName()
                    + "\" at loop time 1.500000 s: 5 pending tasks"),
        text);
    assertEquals(
        "\n"
            + "\"t\" suspended, awaiting Future[pending cb=[t.wakeup]]\n"
            + "\tat demo.Inner.inner(Inner.java:10)\n"
            + "\tat demo.Middle.middle(Middle.java:20)\n"
            + "\tat demo.Root.root(Root.java:30)\n"
            + "\n"
            + "\"sleeper\" suspended, awaiting Sleep[waiting]\n"
            + "\tat demo.Sleeper.sleeper(Sleeper.java:5)\n"
            + "\n"
            + "\"victim\" suspended, awaiting Future[cancelled], cancelling (1 request)\n"
            + "\tat demo.Victim.victim(Victim.java:8)\n"
            + "\n"
            + "\"runner\" running (the current task)\n"
            + "\t(no suspension point known; coroutine Coro)\n"
            + "\n"
            + "\"fresh\" scheduled (first step queued)\n"
            + "\t(no suspension point known; coroutine Coro)\n",
        text.substring(nl + 1));
  }

  /** In debug mode the dump also shows where each task was created. */
  @Test
  void debugModeDumpShowsWhereTasksWereCreated() {
    loop.setDebug(true);
    Task<String> t =
        loop.createTask(Coro.<String>start(v -> awaitingAt(loop.createFuture(), "w", 4)), "w");
    Loops.runIterations(loop, 1);
    String text = loop.dumpTasks();
    String expected =
        "\"w\" suspended, awaiting Future[pending cb=[w.wakeup]]\n"
            + "\tat Test.w(Test.java:4)\n"
            + "\tcreated at\n"
            + "\tat io.asyncio4j.TaskDumpTest.debugModeDumpShowsWhereTasksWereCreated(TaskDumpTest.java:";
    assertTrue(text.contains(expected), text);
    t.cancel();
    Loops.runBriefly(loop);
  }

  /** A task whose exception nobody retrieves is described with its creation site (debug mode). */
  @Test
  void trackerSourceNamesTheCreationSiteInDebugMode() throws IOException {
    loop.setDebug(true);
    Task<String> t = loop.createTask(Coro.throwing(new IOException("x")), "lost");
    Loops.runIterations(loop, 1);
    String source = t.trackerSource();
    assertTrue(
        source.startsWith(
            "Task lost, created at\n\tat io.asyncio4j.TaskDumpTest"
                + ".trackerSourceNamesTheCreationSiteInDebugMode(TaskDumpTest.java:"),
        source);
    t.exception();
    loop.setDebug(false);
    Task<String> plain = loop.createTask(Coro.returning("r"), "plain");
    assertEquals("Task plain", plain.trackerSource());
    Loops.runIterations(loop, 1);
  }
}
