package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one thread-safe entry under load (real time): 4 threads each submit 1,000,000 callbacks
 * while the loop runs timers. Every callback must run exactly once, in per-thread order.
 */
class CallSoonThreadsafeStressTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 1_000_000;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyCallbackRunsOnceInPerThreadOrder() throws Exception {
    EventLoop loop = new EventLoop();
    int[] next = new int[THREADS]; // loop-confined: the next sequence number expected per thread
    int[] outOfOrder = new int[1];
    int[] timerTicks = new int[1];
    CountDownLatch start = new CountDownLatch(1);
    Thread[] producers = new Thread[THREADS];
    for (int p = 0; p < THREADS; p++) {
      int producer = p;
      producers[p] =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < PER_THREAD; i++) {
                  loop.callSoonThreadsafe(new Check(next, outOfOrder, producer, i));
                }
              },
              "producer-" + p);
      producers[p].start();
    }
    Runnable[] tick = new Runnable[1];
    tick[0] =
        () -> {
          timerTicks[0]++;
          loop.callLater(Duration.ofMillis(1), tick[0]);
        };
    loop.callLater(Duration.ofMillis(1), tick[0]);
    Runnable[] watch = new Runnable[1];
    watch[0] =
        () -> {
          boolean all = true;
          for (int p = 0; p < THREADS; p++) {
            all &= next[p] == PER_THREAD;
          }
          if (all) {
            loop.stop();
          } else {
            loop.callLater(Duration.ofMillis(5), watch[0]);
          }
        };
    loop.callSoon(watch[0]);
    loop.callSoon(start::countDown);
    long t0 = System.nanoTime();
    loop.runForever();
    long took = System.nanoTime() - t0;
    for (Thread t : producers) {
      t.join();
    }
    loop.close();
    assertEquals(0, outOfOrder[0], "callbacks out of per-thread order");
    for (int p = 0; p < THREADS; p++) {
      assertEquals(PER_THREAD, next[p], "callbacks run for producer " + p);
    }
    assertTrue(timerTicks[0] > 0, "timers kept running");
    assertTrue(took < TimeUnit.SECONDS.toNanos(30), "took " + took / 1_000_000 + " ms");
  }

  /** Checks that it is the next callback of its producer; counts it exactly once. */
  private static final class Check implements Runnable {
    private final int[] next;
    private final int[] outOfOrder;
    private final int producer;
    private final int seq;

    Check(int[] next, int[] outOfOrder, int producer, int seq) {
      this.next = next;
      this.outOfOrder = outOfOrder;
      this.producer = producer;
      this.seq = seq;
    }

    @Override
    public void run() {
      if (next[producer] != seq) {
        outOfOrder[0]++;
      }
      next[producer] = seq + 1;
    }
  }
}
