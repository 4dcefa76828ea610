package io.asyncio4j;

import static io.asyncio4j.Toolkit.co;
import static io.asyncio4j.Toolkit.newLoop;
import static io.asyncio4j.Toolkit.runBriefly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueTest {
  private final EventLoop loop = newLoop();

  private static List<Object> drain(Queue<Integer> q) {
    List<Object> out = new ArrayList<>();
    while (!q.empty()) {
      out.add(q.getNowait());
    }
    return out;
  }

  @Test
  void queueIsFifoLifoQueueIsLifoPriorityQueueGivesSmallestFirst() {
    // Q1
    Queue<Integer> fifo = new Queue<>();
    Queue<Integer> lifo = new LifoQueue<>();
    Queue<Integer> prio = new AsyncPriorityQueue<>();
    Queue<Integer> rev = new AsyncPriorityQueue<>(0, Comparator.reverseOrder());
    for (int i : new int[] {2, 3, 1}) {
      fifo.putNowait(i);
      lifo.putNowait(i);
      prio.putNowait(i);
      rev.putNowait(i);
    }
    assertEquals(List.of(2, 3, 1), drain(fifo));
    assertEquals(List.of(1, 3, 2), drain(lifo));
    assertEquals(List.of(1, 2, 3), drain(prio));
    assertEquals(List.of(3, 2, 1), drain(rev));
  }

  @Test
  void putBlocksWhileFullUntilAGetFreesASlot() {
    // Q2: test_blocking_put_wait
    Queue<Integer> q = new Queue<>(1);
    List<Object> log = Toolkit.log();
    loop.runUntilComplete(co(v -> q.put(1)));
    assertTrue(q.full());
    Task<Object> putter = loop.createTask(co(v -> q.put(2), v -> log.add("put 2")));
    runBriefly(loop);
    assertEquals(List.of(), log);
    assertEquals(1, q.putterCount());
    assertEquals(1, loop.runUntilComplete(q.get()));
    Toolkit.complete(loop, putter);
    assertEquals(List.of("put 2"), log);
    assertEquals(2, q.getNowait());
  }

  @Test
  void unboundedQueueIsNeverFull() {
    // Q2
    Queue<Integer> q = new Queue<>(0);
    Queue<Integer> negative = new Queue<>(-1);
    for (int i = 0; i < 1000; i++) {
      q.putNowait(i);
      negative.putNowait(i);
    }
    assertFalse(q.full());
    assertFalse(negative.full());
    assertEquals(1000, q.qsize());
    assertEquals(0, q.maxsize());
  }

  @Test
  void getBlocksWhileEmptyAndPutNowaitWakesOneGetter() {
    // Q3: test_blocking_get_wait / test_put_with_waiting_getters
    Queue<Integer> q = new Queue<>();
    List<Object> log = Toolkit.log();
    loop.createTask(co(v -> q.get(), v -> log.add("a" + v)));
    loop.createTask(co(v -> q.get(), v -> log.add("b" + v)));
    runBriefly(loop);
    assertEquals(2, q.getterCount());
    q.putNowait(1);
    runBriefly(loop);
    assertEquals(List.of("a1"), log);
    q.putNowait(2);
    runBriefly(loop);
    assertEquals(List.of("a1", "b2"), log);
  }

  @Test
  void getNowaitWakesOneWaitingPutter() {
    // Q3: test_get_with_putters
    Queue<Integer> q = new Queue<>(1);
    q.putNowait(1);
    List<Object> log = Toolkit.log();
    loop.createTask(co(v -> q.put(2), v -> log.add("put")));
    runBriefly(loop);
    assertEquals(1, q.getNowait());
    runBriefly(loop);
    assertEquals(List.of("put"), log);
    assertEquals(2, q.getNowait());
  }

  @Test
  void nowaitVariantsThrowWhenEmptyOrFull() {
    // Q4
    Queue<Integer> q = new Queue<>(1);
    assertThrows(QueueEmptyException.class, q::getNowait);
    q.putNowait(1);
    assertThrows(QueueFullException.class, () -> q.putNowait(2));
  }

  @Test
  void joinReturnsOnceEveryItemIsMarkedDone() {
    // Q5: test_task_done
    Queue<Integer> q = new Queue<>();
    List<Object> log = Toolkit.log();
    for (int i = 0; i < 3; i++) {
      q.putNowait(i);
    }
    Task<Object> joiner = loop.createTask(co(v -> q.join(), v -> log.add("joined")));
    for (int i = 0; i < 3; i++) {
      loop.runUntilComplete(q.get());
      runBriefly(loop);
      assertEquals(List.of(), log);
      q.taskDone();
    }
    Toolkit.complete(loop, joiner);
    assertEquals(List.of("joined"), log);
  }

  @Test
  void joinOnAFreshQueueReturnsAtOnceAndExtraTaskDoneThrows() {
    // Q5: test_join_empty_queue / test_task_done_underflow
    Queue<Integer> q = new Queue<>();
    assertEquals(null, loop.runUntilComplete(q.join()));
    IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
    assertEquals("taskDone() called too many times", e.getMessage());
  }

  @Test
  void wokenGetterThatIsCancelledLeavesTheItemForTheNextGetter() {
    // Q6: test_get_cancelled_race / probe4
    Queue<Integer> q = new Queue<>();
    List<Object> log = Toolkit.log();
    Task<Object> a = loop.createTask(co(v -> q.get(), v -> log.add("a" + v)));
    Task<Object> b = loop.createTask(co(v -> q.get(), v -> log.add("b" + v)));
    runBriefly(loop);
    q.putNowait(7); // wakes a
    a.cancel(); // ...which is cancelled before it runs
    Toolkit.complete(loop, b);
    assertTrue(a.cancelled());
    assertEquals(List.of("b7"), log);
    assertTrue(q.empty());
    assertEquals(0, q.getterCount());
  }

  @Test
  void cancellingManyPendingGettersLosesNoItem() {
    // Q6: test_get_cancel_drop_many_pending_readers
    Queue<Integer> q = new Queue<>();
    List<Task<Object>> getters = new ArrayList<>();
    List<Object> log = Toolkit.log();
    for (int i = 0; i < 5; i++) {
      getters.add(loop.createTask(co(v -> q.get(), v -> log.add(v))));
    }
    runBriefly(loop);
    q.putNowait(1);
    q.putNowait(2);
    getters.get(0).cancel();
    getters.get(1).cancel();
    getters.get(2).cancel();
    runBriefly(loop);
    runBriefly(loop);
    assertEquals(List.of(1, 2), log);
    assertTrue(q.empty());
  }

  @Test
  void cancelledPutNeverInsertsItsItem() {
    // Q7: test_put_cancel_drop
    Queue<Integer> q = new Queue<>(1);
    q.putNowait(1);
    Task<Object> p = loop.createTask(co(v -> q.put(2)));
    runBriefly(loop);
    p.cancel();
    runBriefly(loop);
    assertTrue(p.cancelled());
    assertEquals(1, q.getNowait());
    assertTrue(q.empty());
    assertEquals(0, q.putterCount());
  }

  @Test
  void wokenPutterThatIsCancelledPassesTheSlotOnInFifoOrder() {
    // Q7: test_put_cancelled_race / test_get_with_waiting_putters
    Queue<Integer> q = new Queue<>(1);
    q.putNowait(0);
    Task<Object> a = loop.createTask(co(v -> q.put(1)));
    Task<Object> b = loop.createTask(co(v -> q.put(2)));
    Task<Object> c = loop.createTask(co(v -> q.put(3)));
    runBriefly(loop);
    assertEquals(0, q.getNowait()); // wakes a
    a.cancel();
    Toolkit.complete(loop, b);
    assertTrue(a.cancelled());
    assertEquals(2, q.getNowait()); // wakes c
    Toolkit.complete(loop, c);
    assertEquals(3, q.getNowait());
  }

  @Test
  void cancelledWaitersAreNotHeldInTheWaiterQueues() {
    // Q8: test_cancelled_getters_not_being_held_in_self_getters and the putters twin
    Queue<Integer> q = new Queue<>(1);
    Task<Object> g = loop.createTask(co(v -> Asyncio.waitFor(q.get(), Toolkit.ms(1))));
    Toolkit.advance(loop, Toolkit.ms(2));
    assertTrue(g.done());
    assertThrows(AsyncTimeoutException.class, g::result);
    assertEquals(0, q.getterCount());
    q.putNowait(1);
    Task<Object> p = loop.createTask(co(v -> Asyncio.waitFor(q.put(2), Toolkit.ms(1))));
    Toolkit.advance(loop, Toolkit.ms(2));
    assertThrows(AsyncTimeoutException.class, p::result);
    assertEquals(0, q.putterCount());
  }

  @Test
  void producerAndConsumerOnSmallQueuesAlwaysProgress() {
    // Q8: test_why_are_getters_waiting / test_why_are_putters_waiting
    for (int maxsize : new int[] {1, 2}) {
      Queue<Integer> q = new Queue<>(maxsize);
      List<Object> got = Toolkit.log();
      int n = 20;
      Script<Object> producer = co();
      Script.Step[] putSteps = new Script.Step[n];
      Script.Step[] getSteps = new Script.Step[2 * n];
      for (int i = 0; i < n; i++) {
        int item = i;
        putSteps[i] = v -> q.put(item);
        getSteps[2 * i] = v -> q.get();
        getSteps[2 * i + 1] = v -> got.add(v);
      }
      Task<Object> prod = loop.createTask(Script.of(putSteps));
      Task<Object> cons = loop.createTask(Script.of(getSteps));
      Toolkit.complete(loop, Asyncio.gather(prod, cons));
      List<Object> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        expected.add(i);
      }
      assertEquals(expected, got);
      assertTrue(producer != null);
    }
  }

  @Test
  void shutdownFailsPutsWakesWaitersAndGetsDrainThenFail() {
    // Q9: test_shutdown_nonempty / test_shutdown_empty
    Queue<Integer> q = new Queue<>(2);
    List<Object> log = Toolkit.log();
    Queue<Integer> empty = new Queue<>();
    Task<Object> getter =
        loop.createTask(co(v -> empty.get()).onError(e -> log.add(e.getClass().getSimpleName())));
    q.putNowait(1);
    q.putNowait(2);
    Task<Object> putter =
        loop.createTask(co(v -> q.put(3)).onError(e -> log.add(e.getClass().getSimpleName())));
    runBriefly(loop);
    empty.shutdown();
    q.shutdown();
    assertTrue(q.isShutdown());
    Toolkit.complete(loop, getter);
    Toolkit.complete(loop, putter);
    assertEquals(List.of("QueueShutDownException", "QueueShutDownException"), log);
    assertThrows(QueueShutDownException.class, () -> q.putNowait(4));
    assertThrows(QueueShutDownException.class, () -> loop.runUntilComplete(q.put(4)));
    assertEquals(1, loop.runUntilComplete(q.get()));
    assertEquals(2, q.getNowait());
    assertThrows(QueueShutDownException.class, q::getNowait);
    assertThrows(QueueShutDownException.class, () -> loop.runUntilComplete(q.get()));
  }

  @Test
  void immediateShutdownDropsItemsAndReleasesJoin() {
    // Q9: test_shutdown_immediate / test_shutdown_immediate_with_unfinished
    Queue<Integer> q = new Queue<>();
    q.putNowait(1);
    q.putNowait(2);
    q.putNowait(3);
    loop.runUntilComplete(q.get()); // one taken, not yet marked done
    Task<Void> joiner = loop.createTask(q.join());
    runBriefly(loop);
    q.shutdown(true);
    assertTrue(q.empty());
    runBriefly(loop);
    assertFalse(joiner.done()); // the taken item is still unfinished
    q.taskDone();
    Toolkit.complete(loop, joiner);
    assertThrows(IllegalStateException.class, q::taskDone);
  }

  @Test
  void putWithRoomReturnsTheSharedDoneFutureWithoutSuspending() {
    // fast path: no allocation per put, no trip through the loop
    Queue<Integer> q = new Queue<>(2);
    Awaitable<Void>[] puts = new Awaitable[2];
    List<Object> log = Toolkit.log();
    loop.createTask(
        co(v -> puts[0] = q.put(1), v -> puts[1] = q.put(2), v -> log.add("put twice")));
    loop.createTask(co(v -> log.add("other")));
    runBriefly(loop);
    assertEquals(List.of("put twice", "other"), log);
    assertSame(puts[0], puts[1]);
    assertTrue(((Future<Void>) puts[0]).done());
    assertEquals("Queue[maxsize=2, qsize=2, tasks=2]", q.toString());
  }
}
