package io.asyncio4j.streams;

import static io.asyncio4j.streams.Cps.then;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.asyncio4j.AsyncIterator;
import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** {@link StreamReader#lines()} and {@link StreamReader#chunks(int)} driven by hand. */
class ReadIteratorTest {
  private static <T> T run(Cps.Body body) {
    return Asyncio.run(Cps.<T>of(body), EventLoop.withVirtualTime());
  }

  /** Awaits every element of {@code it} into {@code out}, the way an async for does. */
  private static Object drain(AsyncIterator<?> it, List<Object> out) {
    return then(
        it.hasNext(),
        more -> {
          if (!(Boolean) more) {
            return out;
          }
          Object x = it.next();
          out.add(x instanceof byte[] b ? new String(b, UTF_8) : x);
          return drain(it, out);
        });
  }

  @Test
  void linesStripTerminatorsDecodeUtf8WaitForDataAndEndAtEof() {
    List<Object> got =
        run(
            () -> {
              StreamReader rd = new StreamReader(Asyncio.getRunningLoop(), 100);
              rd.feedData("one\r\ntwo\n\nh\u00e9".getBytes(UTF_8));
              Asyncio.getRunningLoop()
                  .callLater(Duration.ofSeconds(1), () -> rd.feedData("llo\nlast".getBytes(UTF_8)));
              Asyncio.getRunningLoop().callLater(Duration.ofSeconds(2), rd::feedEof);
              return drain(rd.lines().asyncIterator(), new ArrayList<>());
            });
    assertEquals(List.of("one", "two", "", "h\u00e9llo", "last"), got);
  }

  @Test
  void chunksAreAtMostTheSizeAndAReadErrorIsThrownAtHasNext() {
    List<Object> got = new ArrayList<>();
    IOException reset = new IOException("Connection reset");
    Throwable thrown =
        assertThrows(
            IOException.class,
            () ->
                run(
                    () -> {
                      StreamReader rd = new StreamReader(Asyncio.getRunningLoop(), 100);
                      rd.feedData("abcdefg".getBytes(UTF_8));
                      Asyncio.getRunningLoop()
                          .callLater(Duration.ofSeconds(1), () -> rd.setException(reset));
                      return drain(rd.chunks(3).asyncIterator(), got);
                    }));
    assertEquals(reset, thrown);
    assertEquals(List.of("abc", "def", "g"), got);
  }

  @Test
  void nextWithoutHasNextThrows() {
    String msg =
        run(
            () -> {
              StreamReader rd = new StreamReader(Asyncio.getRunningLoop(), 100);
              return assertThrows(NoSuchElementException.class, () -> rd.lines().asyncIterator().next())
                  .getMessage();
            });
    assertEquals("await hasNext() first", msg);
  }

  @Test
  void chunksRejectANonPositiveSize() {
    String msg =
        run(
            () ->
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new StreamReader(Asyncio.getRunningLoop(), 100).chunks(0))
                    .getMessage());
    assertEquals("size: 0 (expected: > 0)", msg);
  }
}
