package io.asyncio4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import io.asyncio4j.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Async stack traces and Task.getStack() of real @Async methods: user file names and lines, the
 * throw site included (the generated state machine's frame is mapped back to the user's method).
 */
class AsyncStackTraceTest {
  private static String user(String method, int line) {
    return "io.asyncio4j.it.StackFixtures." + method + "(StackFixtures.java:" + line + ")";
  }

  /** The trace as strings, up to the event loop's marker. */
  private static List<String> frames(Throwable e) {
    List<String> out = new ArrayList<>();
    for (StackTraceElement el : e.getStackTrace()) {
      out.add(el.toString());
      if (el.getClassName().equals("--- event loop ---")) {
        break;
      }
    }
    return out;
  }

  /** The throw site is the user's frame, field by field. */
  private static void assertThrowSite(Throwable e, String method, int line) {
    StackTraceElement top = e.getStackTrace()[0];
    assertEquals("io.asyncio4j.it.StackFixtures", top.getClassName());
    assertEquals(method, top.getMethodName());
    assertEquals("StackFixtures.java", top.getFileName());
    assertEquals(line, top.getLineNumber());
  }

  @Test
  void anExceptionShowsTheAwaitChainThroughThreeLevelsAndATaskBoundary() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> Asyncio.run(StackFixturesAsync.awaitsTask("boom"), EventLoop.withVirtualTime()));
    assertEquals("boom", e.getMessage());
    assertEquals(
        List.of(
            user("leaf", 21),
            "--- async await ---.(worker)",
            user("middle", 26),
            user("top", 32),
            "--- async await ---.(Task-1)",
            user("awaitsTask", 38),
            "--- event loop ---.(Unknown Source)"),
        frames(e));
    assertThrowSite(e, "leaf", 21);
    StackTraceElement[] st = e.getStackTrace();
    int loop = st.length;
    for (int i = 0; i < st.length; i++) {
      if (st[i].getClassName().equals("--- event loop ---")) {
        loop = i;
      }
    }
    assertEquals(
        "io.asyncio4j.EventLoop.runForever",
        st[loop + 1].getClassName() + "." + st[loop + 1].getMethodName());
  }

  @Test
  void anExceptionBeforeAnyAwaitShowsTheInlineChain() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Asyncio.run(StackFixturesAsync.inlineChain("early"), EventLoop.withVirtualTime()));
    assertEquals(
        List.of(
            user("failsAtOnce", 60),
            "--- async await ---.(Task-1)",
            user("inlineChain", 67),
            "--- event loop ---.(Unknown Source)"),
        frames(e));
    assertThrowSite(e, "failsAtOnce", 60);
  }

  @Test
  void anExceptionBeforeAnyAwaitCrossesATaskBoundaryWithItsThrowSite() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Asyncio.run(
                    StackFixturesAsync.awaitsFailingTask("early"), EventLoop.withVirtualTime()));
    assertEquals("early", e.getMessage());
    assertEquals(
        List.of(
            user("failsAtOnce", 60),
            "--- async await ---.(early)",
            user("inlineChain", 67),
            "--- async await ---.(Task-1)",
            user("awaitsFailingTask", 73),
            "--- event loop ---.(Unknown Source)"),
        frames(e));
    assertThrowSite(e, "failsAtOnce", 60);
  }

  @Test
  void theWrapperOfAPrivateMethodIsLeftOut() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Asyncio.run(StackFixturesAsync.callsPrivate("private"), EventLoop.withVirtualTime()));
    assertEquals(
        List.of(
            user("check", 77),
            user("callsPrivate", 83),
            "--- async await ---.(Task-1)",
            "--- event loop ---.(Unknown Source)"),
        frames(e));
  }

  @Test
  void getStackShowsTheSuspendedAwaitsWithUserLines() {
    EventLoop loop = EventLoop.withVirtualTime();
    Future<String> gate = loop.createFuture();
    Task<String> t = loop.createTask(StackFixturesAsync.outer(gate), "held");
    loop.stop();
    loop.runForever();
    List<String> stack = new ArrayList<>();
    for (StackTraceElement el : t.getStack()) {
      stack.add(el.toString());
    }
    assertEquals(List.of(user("inner", 43), user("mid", 48), user("outer", 53)), stack);
    assertEquals(
        "\"held\" suspended, awaiting Future[pending cb=[held.wakeup]]\n"
            + "\tat "
            + user("inner", 43)
            + "\n"
            + "\tat "
            + user("mid", 48)
            + "\n"
            + "\tat "
            + user("outer", 53)
            + "\n",
        loop.dumpTasks().substring(loop.dumpTasks().indexOf("\n\n") + 2));
    gate.setResult("x");
    assertEquals("x", loop.runUntilComplete(t));
    loop.close();
  }

  @Test
  void theRuntimesHelpersDoNotShowAboveTheUsersFrame() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> Asyncio.run(StackFixturesAsync.spilledUnbox(null), EventLoop.withVirtualTime()));
    assertEquals(
        "Cannot unbox the left operand: it is null (it is unboxed before the awaiting right"
            + " operand runs)",
        e.getMessage());
    assertEquals(
        List.of(
            user("spilledUnbox", 89),
            "--- async await ---.(Task-1)",
            "--- event loop ---.(Unknown Source)"),
        frames(e));
  }
}
