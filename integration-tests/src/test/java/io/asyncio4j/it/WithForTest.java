package io.asyncio4j.it;

import static io.asyncio4j.it.Run.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code async with} (a try-with-resources over an AsyncCloseable) and {@code async for} (an
 * enhanced for over an AsyncIterable), each run with awaits that complete at once and that really
 * suspend.
 */
class WithForTest {
  @AfterEach
  void reset() {
    V.suspend = false;
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void resourcesEnterInOrderCloseInReverseSkipNullAndCloseBeforeCatchAndFinally(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("enter a", "enter b", "body true ab", "body end", "close b primary=none",
            "close a primary=none", "finally"),
        run(WithForAsync.twoResources(false)));
    assertEquals(
        List.of("enter a", "enter b", "body true ab", "close b primary=boom",
            "close a primary=boom", "catch boom suppressed=0", "finally"),
        run(WithForAsync.twoResources(true)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aFailingExitReplacesThePrimaryExceptionAndKeepsItSuppressed(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("enter a", "close a primary=boom", "IllegalArgumentException close a suppressed=boom"),
        run(WithForAsync.closeFailureReplacesPrimary(true)));
    assertEquals(
        List.of("enter a", "close a primary=none", "IllegalArgumentException close a suppressed=-"),
        run(WithForAsync.closeFailureReplacesPrimary(false)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void breakContinueAndReturnCloseTheResourceWithoutAnException(boolean suspend) {
    V.suspend = suspend;
    assertEquals("enter r0,close r0 primary=none", run(WithForAsync.jumpsCloseTheResource(1)));
    assertEquals(
        "enter r0,close r0 primary=none,enter r1,close r1 primary=none",
        run(WithForAsync.jumpsCloseTheResource(2)));
    // The return value is computed before the resource closes, as in Java.
    assertEquals("enter r0 returned", run(WithForAsync.jumpsCloseTheResource(3)));
    assertEquals(
        "enter r0,end 0,close r0 primary=none,enter r1,end 1,close r1 primary=none",
        run(WithForAsync.jumpsCloseTheResource(0)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void varAndExpressionResources(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("enter inner", "enter outer", "body inner", "close outer primary=none",
            "close inner primary=none"),
        run(WithForAsync.varAndExpressionResources()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void cancellationInsideTheBlockReachesTheExit(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("enter r", "close r primary=CancelledException", "cancelled true"),
        run(WithForAsync.cancelledInside()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void taskGroupBlockWaitsForEveryChild(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("body done", "child 1", "child 2", "child 3", "result 30", "result 10",
            "result 20"),
        run(WithForAsync.taskGroupWaitsForChildren()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aFailingChildCancelsTheBlockAndTheGroupRaisesAnExceptionGroup(boolean suspend) {
    // CPython test_taskgroup.py test_taskgroup_03/_08: a failing child cancels the body and its
    // siblings; the group raises one ExceptionGroup; the parent is not left cancelling.
    V.suspend = suspend;
    assertEquals(
        List.of("child -1", "body cancelled", "group 1 child failed", "cancelling=0"),
        run(WithForAsync.taskGroupFailureCancelsTheBody()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void timeoutBlocksExpireConvertOnlyTheirOwnCancellationAndNest(boolean suspend) {
    // CPython test_timeouts.py test_timeout_basic, test_nested_timeouts (inner expires first).
    V.suspend = suspend;
    assertEquals(
        List.of("timed out, cause CancelledException", "in time, expired=false",
            "inner timed out, outer expired=false", "cancelling=0"),
        run(WithForAsync.timeoutExpires()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void lockHoldSerializesTheBlocks(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("a in true", "a out", "b in true", "b out", "locked=false"),
        run(WithForAsync.lockHold()));
  }

  // ---------------------------------------------------------------- async for

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aGeneratorIsLazyAndRunsItsFinallyAtTheEnd(boolean suspend) {
    // CPython test_asyncgen.py test_async_gen_asyncio_01/03: values arrive one per request.
    V.suspend = suspend;
    assertEquals(
        List.of("emit 1", "got 1", "emit 2", "got 2", "emit 3", "got 3", "gen end", "gen finally",
            "sum 6"),
        run(WithForAsync.consumeGenerator(0)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void breakingOutOfAGeneratorRunsItsFinallyBeforeTheLoopEnds(boolean suspend) {
    // CPython test_asyncgen.py test_async_gen_asyncio_aclose_06-like: aclose runs finally blocks.
    V.suspend = suspend;
    assertEquals(
        List.of("emit 1", "got 1", "emit 2", "got 2", "gen finally", "sum 1"),
        run(WithForAsync.consumeGenerator(2)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aGeneratorsExceptionReachesTheConsumer(boolean suspend) {
    // CPython test_asyncgen.py test_async_gen_asyncio_02 (exception propagates to async for).
    V.suspend = suspend;
    assertEquals(
        List.of("got one", "caught generator failed"),
        run(WithForAsync.generatorExceptionReachesConsumer()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void cancellingTheConsumerCancelsTheGeneratorAtItsCurrentAwait(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("got first", "gen cancelled", "gen finally", "consumer cancelled true"),
        run(WithForAsync.cancelledConsumerCancelsGenerator()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aQueueIsIteratedUntilItIsShutDown(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("item x", "item y", "item z", "end"), run(WithForAsync.queueUntilShutDown()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void asCompletedYieldsInCompletionOrder(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("done 100", "done 200", "done 300"), run(WithForAsync.asCompletedOrder()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void nestedLoopsWithContinueAndLabelledJumpsCloseEachIterator(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("00", "02", "close 3 at 3", "10", "close 3 at 2", "close 3 at 0",
            "close 3 at 2"),
        run(WithForAsync.nestedLoopsWithJumps()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void returnAndThrowOutOfTheLoopCloseTheIterator(boolean suspend) {
    V.suspend = suspend;
    // The returned value is computed before the iterator closes, as before a finally.
    assertEquals(" returned", run(WithForAsync.loopExitByReturnAndThrow(false)));
    assertEquals(
        "close 5 at 2 thrown at 2 caught", run(WithForAsync.loopExitByReturnAndThrow(true)));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void cancellingTheParentCancelsTheGroupsChildrenAndPropagates(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("child 100 cancelled", "child 200 cancelled", "parent cancelled true"),
        run(WithForAsync.taskGroupCancelledFromOutside()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void anInnerGroupsFailureCancelsTheOuterGroup(boolean suspend) {
    V.suspend = suspend;
    assertEquals(
        List.of("child -1", "child 50 cancelled", "outer group of 1, inner: child failed"),
        run(WithForAsync.nestedTaskGroups()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void aTimeoutRescheduledInsideTheBlockDoesNotExpire(boolean suspend) {
    V.suspend = suspend;
    assertEquals(List.of("still in time, expired=false"), run(WithForAsync.timeoutRescheduled()));
  }

  @ParameterizedTest(name = "suspend={0}")
  @ValueSource(booleans = {false, true})
  void asyncForAndAsyncWithNest(boolean suspend) {
    V.suspend = suspend;
    List<String> log = run(WithForAsync.nestedForms());
    // When the children (1 and 2 ms sleeps) finish relative to the loop depends on the mode.
    assertEquals(
        List.of("emit 1", "enter r1", "close r1 primary=none", "emit 2", "enter r2",
            "close r2 primary=none", "gen end", "gen finally", "results 10 20"),
        log.stream().filter(l -> !l.startsWith("child")).collect(java.util.stream.Collectors.toList()));
    assertEquals(
        List.of("child 1", "child 2"),
        log.stream().filter(l -> l.startsWith("child")).collect(java.util.stream.Collectors.toList()));
  }
}
