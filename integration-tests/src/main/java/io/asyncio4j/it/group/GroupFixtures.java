package io.asyncio4j.it.group;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.currentTask;
import static io.asyncio4j.Asyncio.gather;
import static io.asyncio4j.Asyncio.runOn;
import static io.asyncio4j.Asyncio.sleep;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.asyncio4j.Async;
import io.asyncio4j.CancelledException;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.EventLoopGroup;
import io.asyncio4j.streams.StreamPair;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.streams.Streams;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** @Async fixtures for EventLoopGroup: hand-offs between loops and a server spread over loops. */
public final class GroupFixtures {
  private GroupFixtures() {}

  @Async
  static String whereAmI() {
    await(sleep(Duration.ZERO));
    return Thread.currentThread().getName();
  }

  @Async
  static String handOffName(EventLoop target) {
    String there = await(runOn(target, GroupFixturesAsync.whereAmI()));
    return Thread.currentThread().getName() + " -> " + there;
  }

  @Async
  static String fail(IOException e) throws IOException {
    await(sleep(Duration.ZERO));
    throw e;
  }

  @Async
  static String handOffFailure(EventLoop target, IOException e) {
    try {
      return await(runOn(target, GroupFixturesAsync.fail(e)));
    } catch (CancelledException c) {
      throw c;
    } catch (Exception caught) { // await(...) declares no checked exception
      return caught == e ? "same IOException: " + caught.getMessage() : "another: " + caught;
    }
  }

  @Async
  static String sleepForever(CountDownLatch started, CountDownLatch finallyRan) {
    try {
      started.countDown();
      await(sleep(Duration.ofHours(1)));
      return "woke";
    } finally {
      finallyRan.countDown();
    }
  }

  @Async
  static String handOffSleeper(EventLoop target, CountDownLatch started, CountDownLatch done) {
    return await(runOn(target, GroupFixturesAsync.sleepForever(started, done)));
  }

  @Async
  static String cancelSelf() {
    currentTask().cancel("remote gave up");
    await(sleep(Duration.ofHours(1)));
    return "not cancelled";
  }

  @Async
  static String handOffCancelledRemotely(EventLoop target) {
    try {
      return await(runOn(target, GroupFixturesAsync.cancelSelf()));
    } catch (CancelledException e) {
      return "local future cancelled: " + e.getMessage();
    }
  }

  @Async
  static String closeFromInside(EventLoopGroup group, CountDownLatch finallyRan) {
    try {
      group.close();
      await(sleep(Duration.ofHours(1)));
      return "not cancelled";
    } finally {
      finallyRan.countDown();
    }
  }

  /** Echoes lines, counting per thread which loop served each connection; "boom" fails it. */
  @Async
  static void echo(StreamReader reader, StreamWriter writer, Map<String, AtomicInteger> servedBy)
      throws IOException {
    servedBy.computeIfAbsent(Thread.currentThread().getName(), k -> new AtomicInteger())
        .incrementAndGet();
    for (; ; ) {
      byte[] line = await(reader.readLine());
      if (line.length == 0) {
        return;
      }
      if (new String(line, UTF_8).equals("boom\n")) {
        throw new IOException("handler failed on purpose");
      }
      writer.write(line);
      await(writer.drain());
    }
  }

  /** One client: {@code rounds} lines, each echoed back exactly; returns how many matched. */
  @Async
  static int client(int port, int id, int rounds) throws IOException {
    StreamPair c = await(Streams.openConnection("127.0.0.1", port));
    int ok = 0;
    try {
      for (int i = 0; i < rounds; i++) {
        String msg = "client " + id + " line " + i + " " + "x".repeat(id % 50) + "\n";
        c.writer().write(msg.getBytes(UTF_8));
        await(c.writer().drain());
        String back = new String(await(c.reader().readLine()), UTF_8);
        if (back.equals(msg)) {
          ok++;
        }
      }
    } finally {
      c.writer().close();
    }
    await(c.writer().waitClosed());
    return ok;
  }

  /** Sends "boom", then expects the server to close the connection (EOF). */
  @Async
  static String boomClient(int port) throws IOException {
    StreamPair c = await(Streams.openConnection("127.0.0.1", port));
    c.writer().write("boom\n".getBytes(UTF_8));
    await(c.writer().drain());
    byte[] rest = await(c.reader().read(-1));
    c.writer().close();
    return "closed by the server after " + rest.length + " bytes";
  }

  @Async
  static List<Integer> gatherAll(List<Coroutine<Integer>> clients) {
    return await(gather(clients));
  }
}
