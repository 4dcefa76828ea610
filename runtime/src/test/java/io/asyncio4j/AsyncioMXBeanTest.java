package io.asyncio4j;

import static io.asyncio4j.Coro.awaitingAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.debug.AsyncioMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.JMX;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Task dumps asked from another thread, through the JMX bean; a blocked loop is reported. */
class AsyncioMXBeanTest {
  @Test
  @Timeout(60)
  void theBeanDumpsARunningLoopFromAnotherThreadAndReportsABlockedOne() throws Exception {
    EventLoop loop = new EventLoop();
    CountDownLatch suspended = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Future<String>> gate = new AtomicReference<>();
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread runner =
        new Thread(
            () -> {
              try {
                outcome.set(
                    loop.runUntilComplete(
                        loop.createTask(
                            Coro.<String>start(
                                v -> {
                                  gate.set(loop.createFuture());
                                  loop.callSoon(suspended::countDown);
                                  return awaitingAt(gate.get(), "held", 3);
                                }),
                            "held")));
              } catch (RuntimeException e) {
                outcome.set(e);
              }
            },
            "loop-under-test");
    runner.start();
    suspended.await();

    Diagnostics.registerBean();
    AsyncioMXBean bean =
        JMX.newMXBeanProxy(
            ManagementFactory.getPlatformMBeanServer(),
            new ObjectName(AsyncioMXBean.OBJECT_NAME),
            AsyncioMXBean.class);
    assertTrue(bean.getRunningLoopCount() >= 1);
    assertTrue(java.util.List.of(bean.getLoopThreads()).contains("loop-under-test"));
    String dump = bean.dumpTasks();
    assertTrue(dump.startsWith("asyncio4j task dump: "), dump);
    assertTrue(dump.contains(" on thread \"loop-under-test\" at loop time "), dump);
    assertTrue(
        dump.contains(
            "\n\"held\" suspended, awaiting Future[pending cb=[held.wakeup]]\n"
                + "\tat Test.held(Test.java:3)\n"),
        dump);
    io.asyncio4j.debug.LoopMetrics m =
        bean.getLoopMetrics().stream()
            .filter(x -> x.getThreadName().equals("loop-under-test"))
            .findFirst()
            .orElseThrow();
    assertEquals(false, m.isBlocked());
    assertEquals(1, m.getTasksAlive());
    assertEquals(0, m.getReadyQueueLength());
    assertEquals(1, m.getTaskSteps());
    assertTrue(m.getLagMicros() >= 0, m.toString());
    String invoked =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(new ObjectName(AsyncioMXBean.OBJECT_NAME), "dumpTasks", null, null);
    assertTrue(invoked.contains("\"held\" suspended"), invoked);

    loop.callSoonThreadsafe(
        () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    String blocked = Diagnostics.dumpFromAnyThread(loop, 100);
    assertTrue(
        blocked.contains(
            ": BLOCKED - did not answer within 100 ms (a callback or task step has not returned;"
                + " do not block the loop's thread)\nThread \"loop-under-test\" WAITING\n"),
        blocked);
    assertTrue(
        blocked.contains("java.util.concurrent.CountDownLatch.await(CountDownLatch.java:"),
        blocked);
    release.countDown();
    loop.callSoonThreadsafe(() -> gate.get().setResult("released"));
    runner.join();
    assertEquals("released", outcome.get());
    loop.close();
  }
}
