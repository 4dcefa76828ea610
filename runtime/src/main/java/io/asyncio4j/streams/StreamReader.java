package io.asyncio4j.streams;

import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import io.asyncio4j.Future;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * The reading end of a connection; asyncio's {@code StreamReader}. Every read method returns a
 * fresh coroutine: nothing is read until it is awaited, and only one read may wait for data at a
 * time.
 *
 * <p>The reader buffers at most {@link #limit()} bytes (see {@link StreamOptions}): when the buffer
 * is full the connection stops reading from the socket (TCP flow control then stops the peer), and
 * reading resumes as soon as a read consumes some of it. So a peer that sends faster than the
 * application reads costs at most {@code limit} bytes of memory.
 *
 * <p>Cancelling a task that waits in a read leaves the buffer as it was (a {@code read(-1)} puts
 * back what it had taken; {@link #readExactly(int)} of more than {@code limit} bytes loses it) and
 * throws {@link io.asyncio4j.CancelledException} at the await.
 *
 * <p>States:
 *
 * <pre>
 * | state   | eof   | error | reads                                              |
 * |---------|-------|-------|----------------------------------------------------|
 * | open    | false | null  | complete from the buffer, or wait for data         |
 * | at EOF  | true  | null  | complete from the buffer; then read() returns b"", |
 * |         |       |       | readExactly/readUntil throw IncompleteReadException |
 * | failed  | any   | set   | throw the error (e.g. "Connection reset")          |
 *
 *   open --peer shut down output / connection closed--&gt; at EOF
 *   open, at EOF --socket error, idle timeout--&gt; failed
 * </pre>
 *
 * <p>Invariants: {@code head <= tail <= buf.length}; the bytes {@code buf[head..tail)} are the
 * buffer; with a transport, {@code tail - head <= limit}; {@link #waiter} is pending only while a
 * read op waits on it.
 *
 * <p>Threading: loop-confined.
 */
public final class StreamReader {
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] NEWLINE = {'\n'};
  private static final int MIN_READ = 2048;
  private static final int INITIAL_CAPACITY = 8192;

  private final EventLoop loop;
  private final int limit;
  SocketTransport transport;
  private byte[] buf = EMPTY;
  private int head;
  private int tail;
  private boolean eof;
  private Throwable error;
  private Future<Void> waiter;

  StreamReader(EventLoop loop, int limit) {
    this.loop = Objects.requireNonNull(loop, "loop");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
    }
    this.limit = limit;
  }

  // ---------------------------------------------------------------- reads

  /**
   * Reads up to {@code n} bytes: waits until at least one byte is buffered or the stream ends, and
   * returns at most {@code n} of them; an empty array at EOF. {@code n == 0} returns an empty array
   * at once; {@code n < 0} reads until EOF and returns everything (not bounded by the limit: use it
   * only for peers you trust).
   *
   * @param n the most bytes to read; negative to read everything until the end of the stream
   * @return a coroutine with the bytes (empty at the end of the stream)
   */
  public Coroutine<byte[]> read(int n) {
    return new StreamOp<>() {
      private ByteArrayOutputStream all;

      @Override
      Object attempt() throws Throwable {
        checkError();
        if (n == 0) {
          return EMPTY;
        }
        if (n < 0) {
          if (all == null) {
            all = new ByteArrayOutputStream();
          }
          all.write(buf, head, size());
          discard(size());
          return eof ? all.toByteArray() : waitForData(this, "read");
        }
        if (size() == 0) {
          return eof ? EMPTY : waitForData(this, "read");
        }
        return take(Math.min(n, size()));
      }

      @Override
      void onCancelled() {
        if (all != null && all.size() > 0) {
          unread(all.toByteArray());
          all = null;
        }
      }
    };
  }

  /**
   * Reads one line, up to and including {@code '\n'}; at EOF, returns the partial last line (empty
   * when nothing is left), like asyncio's {@code readline()}.
   *
   * <p>A line longer than {@link #limit()} throws {@link LimitOverrunException}, after dropping it
   * from the buffer (up to its {@code '\n'} if one was buffered, else everything buffered).
   *
   * @return a coroutine with the line, its newline included
   */
  public Coroutine<byte[]> readLine() {
    return new UntilOp(NEWLINE, true);
  }

  /**
   * The lines of the stream as an {@link io.asyncio4j.AsyncIterable}, for an enhanced {@code for}
   * in an {@code @Async} method ({@code async for line in reader}): each line is read with {@link
   * #readLine()}, decoded as UTF-8, without its {@code "\n"} or {@code "\r\n"}; the partial last
   * line counts; the loop ends at EOF. A read's exception is thrown at the loop. Leaving the loop
   * early leaves the unread data buffered.
   *
   * <pre>{@code
   * for (String line : reader.lines()) {
   *   handle(line);
   * }
   * }</pre>
   *
   * @return the lines, without their line ends
   */
  public io.asyncio4j.AsyncIterable<String> lines() {
    return ReadIterator.of(this::readLine, StreamReader::lineText);
  }

  /**
   * The stream as chunks of at most {@code size} bytes (each a {@link #read(int)}), as an {@link
   * io.asyncio4j.AsyncIterable} for an enhanced {@code for} in an {@code @Async} method; the loop
   * ends at EOF.
   *
   * @param size the most bytes per chunk
   * @return the chunks, in order
   * @throws IllegalArgumentException if {@code size <= 0}
   */
  public io.asyncio4j.AsyncIterable<byte[]> chunks(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size: " + size + " (expected: > 0)");
    }
    return ReadIterator.of(() -> read(size), b -> b);
  }

  private static String lineText(byte[] line) {
    int end = line.length;
    if (end > 0 && line[end - 1] == '\n') {
      end--;
      if (end > 0 && line[end - 1] == '\r') {
        end--;
      }
    }
    return new String(line, 0, end, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Reads up to and including {@code separator} (at least one byte).
   *
   * @param separator the bytes that end the data
   * @return a coroutine with the data, the separator included
   * @throws IllegalArgumentException if {@code separator} is empty
   * @see IncompleteReadException thrown at the await when the stream ends first; the buffered bytes
   *     are consumed and are its {@code partial()}
   * @see LimitOverrunException thrown at the await when the separator is not within the first
   *     {@code limit()} bytes; the data stays buffered
   */
  public Coroutine<byte[]> readUntil(byte[] separator) {
    Objects.requireNonNull(separator, "separator");
    if (separator.length == 0) {
      throw new IllegalArgumentException("separator: empty (expected: at least one byte)");
    }
    return new UntilOp(separator.clone(), false);
  }

  /**
   * Reads exactly {@code n} bytes; if the stream ends first, the await throws {@link
   * IncompleteReadException} with the bytes read so far (consumed). Memory grows with the bytes
   * that arrive, not with {@code n}, so {@code n} may come from the peer (a length header): a peer
   * that announces 2 GiB and closes costs what it sent.
   *
   * @param n how many bytes to read
   * @return a coroutine with exactly {@code n} bytes
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public Coroutine<byte[]> readExactly(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
    }
    return new StreamOp<>() {
      private byte[] out;
      private int filled;

      @Override
      Object attempt() throws Throwable {
        checkError();
        if (n <= limit) {
          // Leave the bytes buffered until all are there: a cancelled read loses nothing.
          if (size() >= n) {
            return take(n);
          }
          if (eof) {
            throw new IncompleteReadException(take(size()), n);
          }
          return waitForData(this, "readExactly");
        }
        // More than the buffer may hold: move what arrives into the result, which grows with what
        // arrived (n comes from the peer, typically a length header: reserving it up front would
        // let one peer claim gigabytes with four bytes).
        int k = Math.min(size(), n - filled);
        if (k > 0 && (out == null || out.length - filled < k)) {
          byte[] old = out == null ? EMPTY : out;
          out = Arrays.copyOf(old, grownCapacity(old.length, filled + k, n));
        }
        if (k > 0) {
          System.arraycopy(buf, head, out, filled, k);
          filled += k;
          discard(k);
        }
        if (filled == n) {
          return out.length == n ? out : Arrays.copyOf(out, n);
        }
        if (eof) {
          throw new IncompleteReadException(out == null ? EMPTY : Arrays.copyOf(out, filled), n);
        }
        return waitForData(this, "readExactly");
      }
    };
  }

  /**
   * Whether the stream has ended and the buffer is empty (asyncio's {@code at_eof()}).
   *
   * @return whether the end of the stream was reached and the buffer is empty
   */
  public boolean atEof() {
    return eof && size() == 0;
  }

  /**
   * The number of bytes buffered, not read yet. Never more than {@link #limit()} on a socket.
   *
   * @return how many bytes are buffered
   */
  public int buffered() {
    return size();
  }

  /**
   * The buffer limit (see {@link StreamOptions#limit()}).
   *
   * @return the buffer limit
   */
  public int limit() {
    return limit;
  }

  /**
   * The error the connection failed with, or {@code null}.
   *
   * @return the error the stream ended with, or {@code null}
   */
  public Throwable exception() {
    return error;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("StreamReader[");
    sb.append(size()).append(" bytes");
    if (eof) {
      sb.append(" eof");
    }
    if (error != null) {
      sb.append(" exception=").append(error);
    }
    if (waiter != null && !waiter.done()) {
      sb.append(" waiting");
    }
    if (transport != null && transport.readingPaused()) {
      sb.append(" paused");
    }
    return sb.append(" limit=").append(limit).append(']').toString();
  }

  // ---------------------------------------------------------------- feeding (transport side)

  /** Appends bytes (for readers without a socket: may grow past the limit). */
  void feedData(byte[] data) {
    if (eof) {
      throw new IllegalStateException("feedData after feedEof");
    }
    ensureFree(data.length);
    System.arraycopy(data, 0, buf, tail, data.length);
    tail += data.length;
    wake();
  }

  /**
   * Puts {@code data} back in front of the buffer (a cancelled {@code read(-1)} returns what it had
   * taken); may exceed the limit, which pauses reading until the application consumes it.
   */
  private void unread(byte[] data) {
    byte[] merged = new byte[Math.max(INITIAL_CAPACITY, data.length + size())];
    System.arraycopy(data, 0, merged, 0, data.length);
    System.arraycopy(buf, head, merged, data.length, size());
    tail = data.length + size();
    head = 0;
    buf = merged;
  }

  /**
   * Appends the remaining bytes of {@code src} (TLS plaintext: at most one record past the limit).
   */
  void feed(ByteBuffer src) {
    int n = src.remaining();
    if (buf.length - tail < n) {
      if (head > 0) {
        compact();
      }
      if (buf.length - tail < n) {
        // Doubling, but never past the limit unless this record needs it (then just enough).
        int doubled = Math.min(Math.max(buf.length * 2, INITIAL_CAPACITY), limit);
        grow(Math.max(size() + n, doubled));
      }
    }
    src.get(buf, tail, n);
    tail += n;
    wake();
  }

  /**
   * Reads from {@code ch} into the buffer, at most up to the limit. Returns what {@code read}
   * returned: the byte count, 0, or -1 at EOF (after which the reader is at EOF).
   */
  int readFrom(ReadableByteChannel ch) throws IOException {
    int room = limit - size();
    if (room <= 0) {
      return 0;
    }
    int want = Math.min(room, MIN_READ);
    if (buf.length - tail < want) {
      if (head > 0) {
        compact();
      }
      if (buf.length - tail < want) {
        grow(Math.min(limit, Math.max(buf.length * 2, INITIAL_CAPACITY)));
      }
    }
    int n = ch.read(ByteBuffer.wrap(buf, tail, Math.min(room, buf.length - tail)));
    if (n > 0) {
      tail += n;
      wake();
    } else if (n < 0) {
      feedEof();
    }
    return n;
  }

  /** Whether the stream ended or failed: nothing more will be read from the socket. */
  boolean atEofOrFailed() {
    return eof || error != null;
  }

  /** Whether the buffer holds {@link #limit()} bytes or more. */
  boolean full() {
    return size() >= limit;
  }

  void feedEof() {
    eof = true;
    wake();
  }

  void setException(Throwable e) {
    if (error == null) {
      error = e;
    }
    wake();
  }

  // ---------------------------------------------------------------- internals

  private int size() {
    return tail - head;
  }

  private void checkError() throws Throwable {
    if (error != null) {
      throw error;
    }
  }

  private Object waitForData(StreamOp<?> op, String method) {
    if (waiter != null && !waiter.done()) {
      throw new IllegalStateException(
          method + "() called while another coroutine is already waiting for incoming data");
    }
    if (transport != null) {
      transport.readerWaiting();
    }
    Future<Void> w = loop.createFuture();
    waiter = w;
    return op.waitOn(w);
  }

  private void wake() {
    Future<Void> w = waiter;
    if (w != null) {
      waiter = null;
      if (!w.done()) {
        w.setResult(null);
      }
    }
  }

  /** Removes and returns the first {@code n} buffered bytes. */
  private byte[] take(int n) {
    byte[] r = n == 0 ? EMPTY : Arrays.copyOfRange(buf, head, head + n);
    discard(n);
    return r;
  }

  private void discard(int n) {
    head += n;
    if (head == tail) {
      head = 0;
      tail = 0;
    }
    if (n > 0 && transport != null) {
      transport.readerConsumed();
    }
  }

  private void ensureFree(int n) {
    if (buf.length - tail >= n) {
      return;
    }
    if (head > 0) {
      compact();
    }
    if (buf.length - tail < n) {
      grow(Math.max(buf.length * 2, Math.max(INITIAL_CAPACITY, size() + n)));
    }
  }

  /** Twice {@code capacity} (at least 8 KiB and {@code needed}), but at most {@code max}. */
  private static int grownCapacity(int capacity, int needed, int max) {
    long doubled = Math.max(needed, Math.max(INITIAL_CAPACITY, 2L * capacity));
    return (int) Math.min(doubled, max);
  }

  private void compact() {
    System.arraycopy(buf, head, buf, 0, size());
    tail -= head;
    head = 0;
  }

  private void grow(int capacity) {
    buf = Arrays.copyOf(buf, capacity);
  }

  /** Index (absolute) of {@code sep} in the buffer at or after {@code head + from}, or -1. */
  private int indexOf(byte[] sep, int from) {
    int last = tail - sep.length;
    outer:
    for (int i = head + from; i <= last; i++) {
      for (int j = 0; j < sep.length; j++) {
        if (buf[i + j] != sep[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** {@link #readUntil} and {@link #readLine}. */
  private final class UntilOp extends StreamOp<byte[]> {
    private final byte[] sep;
    private final boolean line;
    private int searched;

    UntilOp(byte[] sep, boolean line) {
      this.sep = sep;
      this.line = line;
    }

    @Override
    Object attempt() throws Throwable {
      checkError();
      int at = indexOf(sep, searched);
      if (at >= 0) {
        int end = at - head + sep.length;
        if (end > limit) {
          throw overrun("Separator is found, but chunk is longer than limit", at - head, end);
        }
        return take(end);
      }
      searched = Math.max(0, size() - sep.length + 1);
      if (size() >= limit) {
        throw overrun("Separator is not found, and chunk exceed the limit", searched, size());
      }
      if (eof) {
        byte[] partial = take(size());
        if (line) {
          return partial;
        }
        throw new IncompleteReadException(partial, -1);
      }
      return waitForData(this, line ? "readLine" : "readUntil");
    }

    private LimitOverrunException overrun(String message, int consumed, int drop) {
      if (line) {
        // asyncio's readline(): drop the over-long line, or all of it that is buffered.
        discard(drop);
      }
      return new LimitOverrunException(message, consumed);
    }
  }
}
