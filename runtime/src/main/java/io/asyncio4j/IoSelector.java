package io.asyncio4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An event loop's {@link Selector}: the readiness callbacks of {@link
 * EventLoop#addReader(SelectableChannel, Runnable)} and {@link
 * EventLoop#addWriter(SelectableChannel, Runnable)} (asyncio's selector event loop). Created on the
 * first registration, so a loop without I/O has no selector and never selects.
 *
 * <p>Readiness is level-triggered, as in asyncio: a registered callback is queued in every
 * iteration in which its channel is ready, until it is removed. "Readable" means {@code OP_READ},
 * or {@code OP_ACCEPT} for a {@link ServerSocketChannel}; "writable" means {@code OP_WRITE}, or
 * {@code OP_CONNECT} while a {@link SocketChannel} has a connection pending.
 *
 * <p>States:
 *
 * <pre>
 * | state  | selector | registrations                       |
 * |--------|----------|-------------------------------------|
 * | open   | open     | keys whose interest set is not empty |
 * | closed | closed   | none; every channel was closed       |
 *
 *   open --EventLoop.close()--&gt; closed
 * </pre>
 *
 * <p>Invariants: a key's interest set is exactly the operations that have a callback in its {@link
 * Interest} attachment; {@link #registered} counts the keys with a non-empty interest set.
 *
 * <p>Threading: loop-confined, except {@link #wakeup()}, which is thread-safe.
 */
final class IoSelector {
  /** Busy iterations (ready work, so no select) after which I/O is polled anyway. */
  static final int MAX_BUSY_ITERATIONS = 32;

  private final EventLoop loop;
  private final Selector selector;
  private int registered;
  private int busyIterations;

  IoSelector(EventLoop loop) {
    this.loop = loop;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a java.nio Selector for the event loop", e);
    }
  }

  /** What a key waits for: the two callbacks (either may be null). */
  private static final class Interest {
    Runnable reader;
    Runnable writer;
  }

  void add(SelectableChannel channel, Runnable callback, boolean write) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(callback, "callback");
    if (channel.isBlocking()) {
      throw new IllegalArgumentException(
          "channel: " + channel + " (expected: non-blocking; call configureBlocking(false))");
    }
    SelectionKey key = channel.keyFor(selector);
    Interest in;
    if (key == null || !key.isValid()) {
      in = new Interest();
      try {
        key = channel.register(selector, 0, in);
      } catch (ClosedChannelException e) {
        throw new IllegalArgumentException("channel: " + channel + " (expected: open)", e);
      }
    } else {
      in = (Interest) key.attachment();
    }
    boolean wasIdle = in.reader == null && in.writer == null;
    if (write) {
      in.writer = callback;
    } else {
      in.reader = callback;
    }
    if (wasIdle) {
      registered++;
    }
    key.interestOps(opsOf(channel, in));
  }

  boolean remove(SelectableChannel channel, boolean write) {
    Objects.requireNonNull(channel, "channel");
    SelectionKey key = channel.keyFor(selector);
    if (key == null) {
      return false;
    }
    Interest in = (Interest) key.attachment();
    if (write ? in.writer == null : in.reader == null) {
      return false;
    }
    if (write) {
      in.writer = null;
    } else {
      in.reader = null;
    }
    if (!channel.isOpen()) {
      // Closed: the key goes below, and both callbacks with it.
      in.reader = null;
      in.writer = null;
    }
    if (in.reader == null && in.writer == null) {
      registered--;
    }
    if (key.isValid()) {
      key.interestOps(opsOf(channel, in));
    } else if (!channel.isOpen()) {
      // The channel was closed while registered: the JDK defers closing its socket (a listening
      // socket keeps accepting!) until the selector deregisters the key, so do that now. Channels
      // found ready meanwhile get their (level-triggered) callbacks queued, which is harmless.
      select(0);
    }
    return true;
  }

  private static int opsOf(SelectableChannel channel, Interest in) {
    int ops = 0;
    if (in.reader != null) {
      ops |= channel instanceof ServerSocketChannel ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
    }
    if (in.writer != null) {
      ops |=
          channel instanceof SocketChannel && ((SocketChannel) channel).isConnectionPending()
              ? SelectionKey.OP_CONNECT
              : SelectionKey.OP_WRITE;
    }
    return ops;
  }

  /**
   * In an iteration with ready work, where the loop does not select: polls I/O without blocking
   * once every {@link #MAX_BUSY_ITERATIONS} such iterations, so that a task that keeps the ready
   * queue busy cannot starve the sockets.
   */
  void busyIteration() {
    if (registered > 0 && ++busyIterations >= MAX_BUSY_ITERATIONS) {
      select(0);
    }
  }

  /**
   * Waits up to {@code timeoutNanos} (0: not at all, negative: until woken) for readiness or a
   * {@link #wakeup()}, and queues the callbacks of the ready channels on the loop.
   */
  void select(long timeoutNanos) {
    busyIterations = 0;
    try {
      if (timeoutNanos == 0) {
        selector.selectNow(this::onSelected);
      } else if (timeoutNanos < 0) {
        selector.select(this::onSelected);
      } else {
        // Round up: a timeout below a millisecond must not become select(0), which means forever,
        // nor a busy spin until the timer is due.
        long millis = timeoutNanos / 1_000_000 + (timeoutNanos % 1_000_000 == 0 ? 0 : 1);
        selector.select(this::onSelected, millis);
      }
    } catch (IOException e) {
      loop.callExceptionHandler(new ExceptionContext("Selector.select() failed", e, null));
    }
  }

  private void onSelected(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    Interest in = (Interest) key.attachment();
    int ops = key.readyOps();
    if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && in.reader != null) {
      loop.schedule(in.reader, null);
    }
    if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && in.writer != null) {
      loop.schedule(in.writer, null);
    }
  }

  /** Makes a blocked or the next {@link #select} return at once. Thread-safe. */
  void wakeup() {
    selector.wakeup();
  }

  /**
   * Closes the selector and every channel still registered with it, with or without callbacks (a
   * connection whose peer closed has none left, and would otherwise stay in CLOSE-WAIT); in debug
   * mode each is reported, like asyncio's "unclosed transport" {@code ResourceWarning}.
   */
  void close() {
    List<SelectableChannel> channels = new ArrayList<>();
    for (SelectionKey key : selector.keys()) {
      if (key.isValid() && key.channel().isOpen()) {
        channels.add(key.channel());
      }
    }
    for (SelectableChannel c : channels) {
      if (loop.getDebug()) {
        loop.warnings.accept("unclosed " + c + "; EventLoop.close() closed it");
      }
      try {
        c.close();
      } catch (IOException e) {
        loop.defaultExceptionHandler(new ExceptionContext("closing " + c + " failed", e, null));
      }
    }
    try {
      selector.close();
    } catch (IOException e) {
      loop.defaultExceptionHandler(new ExceptionContext("closing the selector failed", e, null));
    }
    registered = 0;
  }
}
