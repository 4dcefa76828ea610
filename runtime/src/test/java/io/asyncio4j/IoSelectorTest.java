package io.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop's I/O readiness API (addReader/addWriter) on a pipe, on real time. */
class IoSelectorTest {
  private EventLoop loop;
  private Pipe pipe;

  @BeforeEach
  void open() throws IOException {
    loop = new EventLoop();
    pipe = Pipe.open();
    pipe.source().configureBlocking(false);
    pipe.sink().configureBlocking(false);
  }

  @AfterEach
  void close() throws IOException {
    loop.close();
    pipe.source().close();
    pipe.sink().close();
  }

  private void writeOneByte() throws IOException {
    assertEquals(1, pipe.sink().write(ByteBuffer.wrap(new byte[] {42})));
  }

  @Test
  @Timeout(10)
  void aLoopWithoutIoNeverOpensASelector() throws Exception {
    loop.callLater(Duration.ofMillis(1), loop::stop);
    loop.runForever();
    java.lang.reflect.Field io = EventLoop.class.getDeclaredField("io");
    io.setAccessible(true);
    assertNull(io.get(loop));
  }

  @Test
  @Timeout(10)
  void readinessIsLevelTriggeredUntilTheCallbackIsRemoved() throws IOException {
    int[] calls = {0};
    List<Boolean> removed = new ArrayList<>();
    loop.addReader(
        pipe.source(),
        () -> {
          if (++calls[0] == 3) {
            removed.add(loop.removeReader(pipe.source()));
            removed.add(loop.removeReader(pipe.source()));
            // A few more iterations (not a deadline: a loaded machine may take long for three).
            loop.callSoon(() -> loop.callSoon(() -> loop.callSoon(loop::stop)));
          }
        });
    writeOneByte(); // never consumed: readable in every iteration
    loop.runForever();
    assertEquals(3, calls[0]);
    assertEquals(List.of(true, false), removed);
  }

  @Test
  @Timeout(10)
  void ioIsPolledOnlyWhenNoWorkIsReadyUpToTheStarvationBound() throws IOException {
    assertEquals(10, firstIoSeenAfter(10));
    assertEquals(IoSelector.MAX_BUSY_ITERATIONS, firstIoSeenAfter(100));
  }

  /**
   * Runs a chain of {@code steps} one-per-iteration callbacks; returns the steps run at the I/O.
   */
  private int firstIoSeenAfter(int steps) throws IOException {
    EventLoop l = new EventLoop();
    Pipe own = Pipe.open();
    own.sink().close(); // the source then reads EOF: always readable
    try (Pipe.SourceChannel source = own.source()) {
      source.configureBlocking(false);
      int[] step = {0};
      int[] seen = {-1};
      Runnable[] chain = new Runnable[1];
      chain[0] =
          () -> {
            if (++step[0] < steps) {
              l.callSoon(chain[0]);
            }
          };
      l.callSoon(chain[0]);
      l.addReader(
          source,
          () -> {
            seen[0] = step[0];
            l.removeReader(source);
            l.stop();
          });
      l.runForever();
      return seen[0];
    } finally {
      l.close();
    }
  }

  @Test
  @Timeout(10)
  void writersRunWhileTheChannelIsWritable() {
    int[] calls = {0};
    loop.addWriter(
        pipe.sink(),
        () -> {
          calls[0]++;
          loop.removeWriter(pipe.sink());
          loop.stop();
        });
    loop.runForever();
    assertEquals(1, calls[0]);
  }

  @Test
  @Timeout(10)
  void aBlockingChannelIsRejected() throws IOException {
    pipe.source().configureBlocking(true);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> loop.addReader(pipe.source(), () -> {}));
    assertTrue(
        e.getMessage().endsWith(" (expected: non-blocking; call configureBlocking(false))"),
        e.getMessage());
  }

  @Test
  @Timeout(10)
  void closingTheLoopClosesTheChannelsStillRegistered() {
    loop.addReader(pipe.source(), () -> {});
    assertFalse(loop.removeWriter(pipe.source()));
    loop.close();
    assertFalse(pipe.source().isOpen());
    assertTrue(pipe.sink().isOpen());
    assertThrows(IllegalStateException.class, () -> loop.addReader(pipe.sink(), () -> {}));
  }
}
