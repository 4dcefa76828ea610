package io.asyncio4j.streams;

import static io.asyncio4j.streams.Cps.then;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** StreamReader's parsing and waiting, fed by hand on a virtual-time loop (no sockets). */
class StreamReaderTest {
  private static byte[] b(String s) {
    return s.getBytes(US_ASCII);
  }

  private static String s(Object bytes) {
    return new String((byte[]) bytes, US_ASCII);
  }

  private static <T> T run(Cps.Body body) {
    return Asyncio.run(Cps.<T>of(body), EventLoop.withVirtualTime());
  }

  private static StreamReader reader(int limit) {
    return new StreamReader(Asyncio.getRunningLoop(), limit);
  }

  @Test
  void readReturnsAtMostNBufferedBytes() {
    String r =
        run(
            () -> {
              StreamReader rd = reader(100);
              rd.feedData(b("hello world"));
              return then(rd.read(5), a -> then(rd.read(100), c -> s(a) + "|" + s(c)));
            });
    assertEquals("hello| world", r);
  }

  @Test
  void readWaitsForDataAndReturnsEmptyAtEof() {
    List<String> got = new ArrayList<>();
    run(
        () -> {
          StreamReader rd = reader(100);
          EventLoop loop = Asyncio.getRunningLoop();
          loop.callLater(Duration.ofSeconds(1), () -> rd.feedData(b("late")));
          loop.callLater(Duration.ofSeconds(2), rd::feedEof);
          return then(
              rd.read(10),
              a -> {
                got.add(s(a) + "@" + loop.time() / 1_000_000_000L);
                return then(
                    rd.read(10),
                    c -> {
                      got.add("[" + s(c) + "]@" + loop.time() / 1_000_000_000L);
                      got.add("atEof=" + rd.atEof());
                      return null;
                    });
              });
        });
    assertEquals(List.of("late@1", "[]@2", "atEof=true"), got);
  }

  @Test
  void readZeroReturnsAtOnceAndReadMinusOneReadsToEof() {
    String r =
        run(
            () -> {
              StreamReader rd = reader(4);
              EventLoop loop = Asyncio.getRunningLoop();
              loop.callLater(Duration.ofSeconds(1), () -> rd.feedData(b("abcdef")));
              loop.callLater(Duration.ofSeconds(2), () -> rd.feedData(b("gh")));
              loop.callLater(Duration.ofSeconds(3), rd::feedEof);
              return then(rd.read(0), z -> then(rd.read(-1), all -> ((byte[]) z).length + s(all)));
            });
    assertEquals("0abcdefgh", r);
  }

  @Test
  void readLineSplitsLinesAndReturnsThePartialLastLineAtEof() {
    List<String> lines = new ArrayList<>();
    run(
        () -> {
          StreamReader rd = reader(100);
          rd.feedData(b("one\ntw"));
          Asyncio.getRunningLoop()
              .callLater(
                  Duration.ofSeconds(1),
                  () -> {
                    rd.feedData(b("o\nthree"));
                    rd.feedEof();
                  });
          return readLines(rd, lines);
        });
    assertEquals(List.of("one\n", "two\n", "three", ""), lines);
  }

  private static Object readLines(StreamReader rd, List<String> lines) {
    return then(
        rd.readLine(),
        l -> {
          lines.add(s(l));
          return ((byte[]) l).length == 0 ? null : readLines(rd, lines);
        });
  }

  @Test
  void readLineLongerThanTheLimitThrowsLimitOverrunAndDropsTheLine() {
    List<String> got = new ArrayList<>();
    run(
        () -> {
          StreamReader rd = reader(8);
          rd.feedData(b("0123456789abc\nok\n"));
          return then(
              rd.readLine(),
              l -> {
                throw new AssertionError("no line expected");
              },
              e -> {
                got.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                got.add("consumed=" + ((LimitOverrunException) e).consumed());
                return then(rd.readLine(), l -> got.add(s(l)));
              });
        });
    assertEquals(
        List.of(
            "LimitOverrunException: Separator is found, but chunk is longer than limit",
            "consumed=13",
            "ok\n"),
        got);
  }

  @Test
  void readLineWithoutSeparatorInAFullBufferDropsTheBuffer() {
    List<String> got = new ArrayList<>();
    run(
        () -> {
          StreamReader rd = reader(8);
          rd.feedData(b("01234567"));
          return then(
              rd.readLine(),
              l -> null,
              e -> {
                got.add(e.getMessage() + " consumed=" + ((LimitOverrunException) e).consumed());
                got.add("buffered=" + rd.buffered());
                return null;
              });
        });
    assertEquals(
        List.of("Separator is not found, and chunk exceed the limit consumed=8", "buffered=0"),
        got);
  }

  @Test
  void readUntilPastTheLimitLeavesTheDataBuffered() {
    List<String> got = new ArrayList<>();
    run(
        () -> {
          StreamReader rd = reader(8);
          rd.feedData(b("0123456789;x;"));
          return then(
              rd.readUntil(b(";")),
              l -> null,
              e -> {
                got.add(e.getMessage() + " consumed=" + ((LimitOverrunException) e).consumed());
                return then(rd.readExactly(11), x -> got.add(s(x)));
              });
        });
    assertEquals(
        List.of("Separator is found, but chunk is longer than limit consumed=10", "0123456789;"),
        got);
  }

  @Test
  void readUntilFindsAMultiByteSeparatorSplitAcrossFeeds() {
    String r =
        run(
            () -> {
              StreamReader rd = reader(100);
              rd.feedData(b("head\r"));
              Asyncio.getRunningLoop()
                  .callLater(Duration.ofSeconds(1), () -> rd.feedData(b("\nbody")));
              return then(rd.readUntil(b("\r\n")), h -> s(h) + "|" + rd.buffered());
            });
    assertEquals("head\r\n|4", r);
  }

  @Test
  void readUntilAtEofThrowsIncompleteReadWithThePartialData() {
    IncompleteReadException e =
        assertThrows(
            IncompleteReadException.class,
            () ->
                run(
                    () -> {
                      StreamReader rd = reader(100);
                      rd.feedData(b("abc"));
                      rd.feedEof();
                      return then(rd.readUntil(b(";")), x -> x);
                    }));
    assertEquals("3 bytes read on a total of undefined expected bytes", e.getMessage());
    assertArrayEquals(b("abc"), e.partial());
    assertEquals(-1, e.expected());
  }

  @Test
  void readExactlyWaitsForAllBytesAndThrowsIncompleteReadAtEof() {
    List<String> got = new ArrayList<>();
    run(
        () -> {
          StreamReader rd = reader(100);
          EventLoop loop = Asyncio.getRunningLoop();
          rd.feedData(b("ab"));
          loop.callLater(Duration.ofSeconds(1), () -> rd.feedData(b("cdefg")));
          loop.callLater(Duration.ofSeconds(2), rd::feedEof);
          return then(
              rd.readExactly(4),
              x -> {
                got.add(s(x));
                return then(
                    rd.readExactly(5),
                    y -> null,
                    e -> {
                      IncompleteReadException ire = (IncompleteReadException) e;
                      got.add(e.getMessage() + " partial=" + s(ire.partial()));
                      return null;
                    });
              });
        });
    assertEquals(List.of("abcd", "3 bytes read on a total of 5 expected bytes partial=efg"), got);
  }

  @Test
  void readExactlyOfMoreThanTheLimitCollectsTheChunks() {
    String r =
        run(
            () -> {
              StreamReader rd = reader(4);
              EventLoop loop = Asyncio.getRunningLoop();
              for (int i = 0; i < 5; i++) {
                String chunk = "" + (char) ('a' + i) + (char) ('a' + i);
                loop.callLater(Duration.ofSeconds(i + 1), () -> rd.feedData(b(chunk)));
              }
              return then(rd.readExactly(9), x -> s(x) + "|" + rd.buffered());
            });
    assertEquals("aabbccdde|1", r);
  }

  @Test
  void readExactlyOfAHugeCountAllocatesOnlyWhatArrives() {
    // A peer-supplied length of ~2 GiB: the read must not reserve it up front (that throws
    // OutOfMemoryError at once); the bytes that do arrive come back in IncompleteReadException.
    String r =
        run(
            () -> {
              StreamReader rd = reader(4);
              EventLoop loop = Asyncio.getRunningLoop();
              loop.callLater(Duration.ofSeconds(1), () -> rd.feedData(b("abcdef")));
              loop.callLater(Duration.ofSeconds(2), () -> rd.feedData(b("ghij")));
              loop.callLater(Duration.ofSeconds(3), rd::feedEof);
              return then(
                  rd.readExactly(Integer.MAX_VALUE),
                  x -> "read " + ((byte[]) x).length,
                  e -> {
                    IncompleteReadException ire = (IncompleteReadException) e;
                    return s(ire.partial()) + " " + ire.expected();
                  });
            });
    assertEquals("abcdefghij " + Integer.MAX_VALUE, r);
  }

  @Test
  void aSecondReadWhileOneWaitsIsRejected() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                run(
                    () -> {
                      StreamReader rd = reader(100);
                      Asyncio.createTask(rd.readLine());
                      return then(Asyncio.sleep(Duration.ZERO), v -> then(rd.read(1), x -> x));
                    }));
    assertEquals(
        "read() called while another coroutine is already waiting for incoming data",
        e.getMessage());
  }

  @Test
  void cancellingAWaitingReadLeavesTheBufferForTheNextRead() {
    List<String> got = new ArrayList<>();
    run(
        () -> {
          StreamReader rd = reader(100);
          rd.feedData(b("par"));
          Task<byte[]> t = Asyncio.createTask(rd.readLine());
          return then(
              Asyncio.sleep(Duration.ofSeconds(1)),
              v -> {
                t.cancel();
                return then(
                    t,
                    x -> null,
                    e -> {
                      got.add(e.getClass().getSimpleName());
                      rd.feedData(b("tial\n"));
                      return then(rd.readLine(), l -> got.add(s(l)));
                    });
              });
        });
    assertEquals(List.of("CancelledException", "partial\n"), got);
  }

  @Test
  void cancellingReadToEofPutsBackWhatItHadTaken() {
    List<String> got = new ArrayList<>();
    run(
        () -> {
          StreamReader rd = reader(4);
          rd.feedData(b("abc"));
          Task<byte[]> t = Asyncio.createTask(rd.read(-1));
          EventLoop loop = Asyncio.getRunningLoop();
          loop.callLater(Duration.ofSeconds(1), () -> rd.feedData(b("def")));
          return then(
              Asyncio.sleep(Duration.ofSeconds(2)),
              v -> {
                rd.feedData(b("g"));
                t.cancel();
                return then(
                    t,
                    x -> null,
                    e -> {
                      got.add(e.getClass().getSimpleName() + " " + rd.buffered());
                      rd.feedEof();
                      return then(rd.read(-1), all -> got.add(s(all)));
                    });
              });
        });
    assertEquals(List.of("CancelledException 7", "abcdefg"), got);
  }

  @Test
  void anErrorIsRaisedByEveryReadEvenWithDataBuffered() {
    IOException boom = new IOException("boom");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                run(
                    () -> {
                      StreamReader rd = reader(100);
                      rd.feedData(b("data"));
                      rd.setException(boom);
                      return then(rd.read(10), x -> x);
                    }));
    assertSame(boom, e);
  }

  @Test
  void argumentsAreChecked() {
    run(
        () -> {
          StreamReader rd = reader(100);
          IllegalArgumentException a =
              assertThrows(IllegalArgumentException.class, () -> rd.readUntil(new byte[0]));
          assertEquals("separator: empty (expected: at least one byte)", a.getMessage());
          IllegalArgumentException n =
              assertThrows(IllegalArgumentException.class, () -> rd.readExactly(-1));
          assertEquals("n: -1 (expected: >= 0)", n.getMessage());
          assertTrue(rd.toString().startsWith("StreamReader[0 bytes"));
          return null;
        });
  }
}
