package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.ms;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGroupTest {
  private final EventLoop loop = newLoop();

  private static Coroutine<Object> fail(long afterMs, RuntimeException e) {
    return co(
        v -> Asyncio.sleep(ms(afterMs)),
        v -> {
          throw e;
        });
  }

  private static Coroutine<Object> sleeper(long forMs, List<Object> log, String name) {
    return co(v -> Asyncio.sleep(ms(forMs)), v -> log.add(name + " done"))
        .onError(
            e -> {
              log.add(name + " " + e.getClass().getSimpleName());
              throw e;
            });
  }

  @Test
  void exitWaitsForEveryChildIncludingOnesStartedByChildren() {
    // TG1
    List<Object> log = Toolkit.log();
    List<Task<Object>> tasks = new ArrayList<>();
    Object r =
        loop.runUntilComplete(
            Asyncio.taskGroup(
                tg ->
                    co(
                        v -> {
                          tasks.add(tg.createTask(sleeper(10, log, "a")));
                          tasks.add(
                              tg.createTask(
                                  co(
                                      x -> Asyncio.sleep(ms(5)),
                                      x -> tasks.add(tg.createTask(sleeper(20, log, "grandchild"))),
                                      x -> "b")));
                          return "body";
                        })));
    assertEquals("body", r);
    assertEquals(List.of("a done", "grandchild done"), log);
    assertEquals(25, Toolkit.nowMs(loop));
    assertEquals("b", tasks.get(1).result());
    assertTrue(tasks.stream().allMatch(Task::done));
  }

  @Test
  void cancellingOneChildAffectsNeitherSiblingsNorTheGroup() {
    // TG2
    List<Object> log = Toolkit.log();
    Object r =
        loop.runUntilComplete(
            Asyncio.taskGroup(
                tg ->
                    co(
                        v -> {
                          Task<Object> a = tg.createTask(sleeper(10, log, "a"));
                          tg.createTask(sleeper(10, log, "b"));
                          return Asyncio.sleep(ms(1), List.of(a));
                        },
                        v -> ((Task<?>) ((List<?>) v).get(0)).cancel(),
                        v -> "ok")));
    assertEquals("ok", r);
    assertEquals(List.of("a CancelledException", "b done"), log);
  }

  @Test
  void firstChildFailureCancelsSiblingsAndTheBody() {
    // TG3
    List<Object> log = Toolkit.log();
    IllegalStateException boom = new IllegalStateException("boom");
    ExceptionGroup g =
        assertThrows(
            ExceptionGroup.class,
            () ->
                loop.runUntilComplete(
                    Asyncio.taskGroup(
                        tg ->
                            co(
                                    v -> {
                                      tg.createTask(fail(5, boom));
                                      tg.createTask(sleeper(100, log, "sibling"));
                                      return Asyncio.sleep(ms(100));
                                    },
                                    v -> log.add("body finished"))
                                .onError(
                                    e -> {
                                      log.add("body " + e.getClass().getSimpleName());
                                      throw e;
                                    }))));
    assertEquals("unhandled errors in a TaskGroup (1 sub-exception)", g.getMessage());
    assertEquals(List.of(boom), g.exceptions());
    assertSame(boom, g.getSuppressed()[0]);
    assertEquals(List.of("sibling CancelledException", "body CancelledException"), log);
    assertEquals(5, Toolkit.nowMs(loop));
  }

  @Test
  void bodyExceptionCancelsChildrenAndJoinsTheChildErrors() {
    // TG4
    List<Object> log = Toolkit.log();
    IllegalStateException child = new IllegalStateException("child");
    IllegalArgumentException body = new IllegalArgumentException("body");
    ExceptionGroup g =
        assertThrows(
            ExceptionGroup.class,
            () ->
                loop.runUntilComplete(
                    Asyncio.taskGroup(
                        tg ->
                            co(
                                v -> {
                                  tg.createTask(fail(0, child));
                                  tg.createTask(sleeper(100, log, "sibling"));
                                  return Asyncio.sleep(ms(0));
                                },
                                v -> Asyncio.sleep(ms(0)),
                                v -> {
                                  throw body;
                                }))));
    assertEquals(List.of("sibling CancelledException"), log);
    assertEquals(2, g.exceptions().size());
    assertTrue(g.exceptions().containsAll(List.of(child, body)));
  }

  @Test
  void bodyFailureWithoutChildErrorsIsGrouped() {
    // TG4: test_taskgroup_context_manager_exit_raises shape
    IllegalArgumentException body = new IllegalArgumentException("body");
    ExceptionGroup g =
        assertThrows(
            ExceptionGroup.class,
            () ->
                loop.runUntilComplete(
                    Asyncio.taskGroup(
                        tg ->
                            co(
                                v -> {
                                  throw body;
                                }))));
    assertEquals(List.of(body), g.exceptions());
  }

  @Test
  void parentCancellingCountIsRestoredAfterAChildFailure() {
    // TG5
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(
        co(v ->
                Asyncio.taskGroup(
                    tg ->
                        co(
                            x -> {
                              tg.createTask(fail(1, new IllegalStateException("x")));
                              return Asyncio.sleep(ms(50));
                            })))
            .onError(
                e -> {
                  log.add(e.getClass().getSimpleName());
                  log.add("cancelling=" + Asyncio.currentTask().cancelling());
                  return Asyncio.sleep(ms(10), "slept");
                }));
    assertEquals(List.of("ExceptionGroup", "cancelling=0"), log);
    assertEquals(11, Toolkit.nowMs(loop));
  }

  @Test
  void outsideCancellationCancelsAndAwaitsChildrenThenPropagates() {
    // TG6
    List<Object> log = Toolkit.log();
    Task<Object> t =
        loop.createTask(
            Asyncio.taskGroup(
                tg ->
                    co(
                        v -> {
                          tg.createTask(
                              co(x -> Asyncio.sleep(ms(100)))
                                  .onError(
                                      e ->
                                          co(
                                              y -> Asyncio.sleep(ms(5)),
                                              y -> {
                                                log.add("child cleaned up");
                                                throw e;
                                              })));
                          return Asyncio.sleep(ms(100));
                        })));
    Toolkit.advance(loop, ms(1));
    t.cancel("stop");
    CancelledException e = assertThrows(CancelledException.class, () -> Toolkit.complete(loop, t));
    assertEquals("stop", e.getMessage());
    assertTrue(t.cancelled());
    assertEquals(List.of("child cleaned up"), log);
    assertEquals(6, Toolkit.nowMs(loop));
  }

  @Test
  void childErrorDuringCleanupTakesPriorityOverOutsideCancellation() {
    // TG7
    IllegalStateException cleanup = new IllegalStateException("cleanup");
    Task<Object> t =
        loop.createTask(
            Asyncio.taskGroup(
                tg ->
                    co(
                        v -> {
                          tg.createTask(
                              co(x -> Asyncio.sleep(ms(100)))
                                  .onError(
                                      e -> {
                                        throw cleanup;
                                      }));
                          return Asyncio.sleep(ms(100));
                        })));
    Toolkit.advance(loop, ms(1));
    t.cancel();
    ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> Toolkit.complete(loop, t));
    assertEquals(List.of(cleanup), g.exceptions());
  }

  @Test
  void bodyTurningTheCancellationIntoAnotherExceptionIsGrouped() {
    // TG8
    IllegalStateException child = new IllegalStateException("child");
    IllegalArgumentException converted = new IllegalArgumentException("converted");
    ExceptionGroup g =
        assertThrows(
            ExceptionGroup.class,
            () ->
                loop.runUntilComplete(
                    Asyncio.taskGroup(
                        tg ->
                            co(v -> {
                                  tg.createTask(fail(1, child));
                                  return Asyncio.sleep(ms(100));
                                })
                                .onError(
                                    e -> {
                                      throw converted;
                                    }))));
    assertEquals(List.of(child, converted), g.exceptions());
  }

  @Test
  void errorFromAChildIsRethrownBare() {
    // TG9: java.lang.Error plays SystemExit/KeyboardInterrupt
    List<Object> log = Toolkit.log();
    AssertionError fatal = new AssertionError("fatal");
    AssertionError thrown =
        assertThrows(
            AssertionError.class,
            () ->
                loop.runUntilComplete(
                    Asyncio.taskGroup(
                        tg ->
                            co(
                                v -> {
                                  tg.createTask(
                                      co(
                                          x -> Asyncio.sleep(ms(1)),
                                          x -> {
                                            throw fatal;
                                          }));
                                  tg.createTask(sleeper(50, log, "sibling"));
                                  return null;
                                }))));
    assertSame(fatal, thrown);
    assertEquals(List.of("sibling CancelledException"), log);
  }

  @Test
  void innerGroupErrorsNestInsideTheOuterGroup() {
    // TG10
    IllegalStateException deep = new IllegalStateException("deep");
    ExceptionGroup outer =
        assertThrows(
            ExceptionGroup.class,
            () ->
                loop.runUntilComplete(
                    Asyncio.taskGroup(
                        tg ->
                            co(
                                v ->
                                    tg.createTask(
                                        Asyncio.taskGroup(
                                            inner ->
                                                co(
                                                    x -> {
                                                      inner.createTask(fail(1, deep));
                                                      return null;
                                                    })))))));
    assertEquals(1, outer.exceptions().size());
    ExceptionGroup nested = assertInstanceOf(ExceptionGroup.class, outer.exceptions().get(0));
    assertEquals(List.of(deep), nested.exceptions());
  }

  @Test
  void outerChildFailureCancellingAnInnerGroupRaisesOnlyTheOuterError() {
    // TG10: test_taskgroup_13
    List<Object> log = Toolkit.log();
    IllegalStateException outerError = new IllegalStateException("outer");
    ExceptionGroup g =
        assertThrows(
            ExceptionGroup.class,
            () ->
                loop.runUntilComplete(
                    Asyncio.taskGroup(
                        tg ->
                            co(
                                v -> {
                                  tg.createTask(fail(5, outerError));
                                  return Asyncio.taskGroup(
                                      inner ->
                                          co(
                                              x -> {
                                                inner.createTask(sleeper(100, log, "inner child"));
                                                return Asyncio.sleep(ms(100));
                                              }));
                                }))));
    assertEquals(List.of(outerError), g.exceptions());
    assertEquals(List.of("inner child CancelledException"), log);
  }

  @Test
  void parentCancelledFromOutsideStaysCancelledAfterAChildFailure() {
    // TG11 (asyncio 3.13)
    List<Object> log = Toolkit.log();
    Task<Object> t =
        loop.createTask(
            co(v ->
                    Asyncio.taskGroup(
                        tg ->
                            co(
                                x -> {
                                  tg.createTask(
                                      co(y -> Asyncio.sleep(ms(100)))
                                          .onError(
                                              e -> {
                                                throw new IllegalStateException("child");
                                              }));
                                  return Asyncio.sleep(ms(100));
                                })))
                .onError(
                    e -> {
                      log.add(e.getClass().getSimpleName());
                      log.add("cancelling=" + Asyncio.currentTask().cancelling());
                      return co(x -> Asyncio.sleep(ms(1)), x -> log.add("not reached"));
                    }));
    Toolkit.advance(loop, ms(1));
    t.cancel();
    assertThrows(CancelledException.class, () -> Toolkit.complete(loop, t));
    assertTrue(t.cancelled());
    assertEquals(List.of("ExceptionGroup", "cancelling=1"), log);
  }

  @Test
  void createTaskIsRefusedBeforeEntryWhileAbortingAndAfterExit() {
    // TG12
    TaskGroup fresh = new TaskGroup();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> fresh.createTask(co(v -> null)));
    assertEquals("TaskGroup TaskGroup[] has not been entered", e.getMessage());

    List<Object> log = Toolkit.log();
    TaskGroup[] kept = new TaskGroup[1];
    assertThrows(
        ExceptionGroup.class,
        () ->
            loop.runUntilComplete(
                Asyncio.taskGroup(
                    tg ->
                        co(v -> {
                              kept[0] = tg;
                              tg.createTask(fail(1, new IllegalStateException("x")));
                              return Asyncio.sleep(ms(10));
                            })
                            .onError(
                                err -> {
                                  try {
                                    tg.createTask(co(v -> null));
                                  } catch (IllegalStateException refused) {
                                    log.add(refused.getMessage());
                                  }
                                  throw err;
                                }))));
    assertEquals(List.of("TaskGroup TaskGroup[errors=1 cancelling] is shutting down"), log);
    e =
        assertThrows(
            IllegalStateException.class,
            () -> loop.runUntilComplete(co(v -> kept[0].createTask(co(x -> null)))));
    assertEquals("TaskGroup TaskGroup[cancelling] is finished", e.getMessage());
  }

  @Test
  void enteringTwiceOrOutsideATaskIsAnError() {
    // TG13
    TaskGroup tg = new TaskGroup();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> loop.runUntilComplete(co(v -> tg.enter(), v -> tg.enter())));
    assertEquals("TaskGroup TaskGroup[entered] has already been entered", e.getMessage());
    IllegalStateException outside =
        assertThrows(
            IllegalStateException.class,
            () -> {
              Handle[] h = new Handle[1];
              Object[] err = new Object[1];
              h[0] =
                  loop.callSoon(
                      () -> {
                        try {
                          new TaskGroup().enter();
                        } catch (IllegalStateException x) {
                          err[0] = x;
                        }
                      });
              runBriefly(loop);
              throw (IllegalStateException) err[0];
            });
    assertEquals("TaskGroup TaskGroup[] cannot determine the parent task", outside.getMessage());
  }

  @Test
  void childTaskNameIsHonouredAndFinishedChildrenLeaveTheGroup() {
    // TG13
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(
        Asyncio.taskGroup(
            tg ->
                co(
                    v -> {
                      log.add(tg.createTask(co(x -> Asyncio.sleep(ms(1))), "worker").getName());
                      log.add(tg.toString());
                      return Asyncio.sleep(ms(5));
                    },
                    v -> log.add(tg.toString()))));
    assertEquals(List.of("worker", "TaskGroup[tasks=1 entered]", "TaskGroup[entered]"), log);
  }

  @Test
  void explicitEnterAndExitWorkInTryFinallyStyle() {
    // TG1/TG3 through the explicit API
    List<Object> log = Toolkit.log();
    TaskGroup tg = new TaskGroup();
    Object r =
        loop.runUntilComplete(
            co(
                v -> {
                  tg.enter();
                  tg.createTask(sleeper(10, log, "a"));
                  return Asyncio.sleep(ms(1));
                },
                v -> tg.exit(null),
                v -> "after"));
    assertEquals("after", r);
    assertEquals(List.of("a done"), log);
    assertEquals(Arrays.asList(), new ArrayList<>());
    assertFalse(loop.isClosed());
  }
}
