package io.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LifecycleDemoTest {
  @Test
  void demoPrintsEachStateTransitionInOrder() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Asyncio.run(LifecycleDemoAsync.main(new LifecycleDemo(out)), EventLoop.withVirtualTime());
    String at = "io.asyncio4j.examples.LifecycleDemo.work(LifecycleDemo.java:41)";
    String expected =
        String.join(
            System.lineSeparator(),
            "1. created and scheduled: createTask() returns at once; nothing ran yet",
            "  ok   done()=false cancelled()=false  Task[pending name=ok coro=Work]",
            "  bad  done()=false cancelled()=false  Task[pending name=bad coro=Work]",
            "  slow done()=false cancelled()=false  Task[pending name=slow coro=Work]",
            "2. main suspends (sleep 0): the three tasks start running, each until its first await",
            "  [ok] running    done()=false",
            "  [ok] suspended  in sleep(20 ms)",
            "  [bad] running    done()=false",
            "  [bad] suspended  in sleep(30 ms)",
            "  [slow] running    done()=false",
            "  [slow] suspended  in sleep(60000 ms)",
            "  ok   done()=false  suspended at [" + at + "]",
            "  bad  done()=false  suspended at [" + at + "]",
            "  slow done()=false  suspended at [" + at + "]",
            "3. after 40 ms: 'ok' has a result, 'bad' an exception; 'slow' is still suspended",
            "  [ok] resumed    after 20 ms",
            "  [bad] resumed    after 30 ms",
            "  ok   done()=true cancelled()=false result()=ok done",
            "  bad  done()=true cancelled()=false exception()=java.lang.IllegalStateException: bad could not finish",
            "  slow done()=false cancelled()=false",
            "4. cancel 'slow' while it is suspended: cancel() is only a request",
            "  cancel() -> true; cancelling()=1; done()=false (not yet: it must run to see the exception)",
            "  [slow] CancelledException at the await; cleaning up and re-throwing",
            "  awaiting 'slow' throws CancelledException: demo is over",
            "5. done: every task is done(); only 'slow' is cancelled()",
            "  ok   done()=true cancelled()=false  Task[finished name=ok coro=Work result=\"ok done\"]",
            "  bad  done()=true cancelled()=false  Task[finished name=bad coro=Work exception=java.lang.IllegalStateException: bad could not finish]",
            "  slow done()=true cancelled()=true  Task[cancelled name=slow coro=Work]",
            "");
    assertEquals(expected, bytes.toString(StandardCharsets.UTF_8));
  }
}
