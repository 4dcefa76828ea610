package io.asyncio4j.benchmarks.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A thread-per-connection echo server on blocking sockets (virtual or platform threads); with a
 * frame size (for {@link GroupEchoBench}) it echoes each fixed-size message whole after some CPU
 * work.
 */
final class BlockingEchoServer implements EchoBench.EchoServer {
  private final ServerSocket listener;
  private final ExecutorService threads;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final int frameSize;
  private final int workMicros;

  private BlockingEchoServer(ExecutorService threads) throws IOException {
    this(threads, new ServerSocket(0, 1024, InetAddress.getLoopbackAddress()), 0, 0);
  }

  private BlockingEchoServer(
      ExecutorService threads, ServerSocket listener, int frameSize, int workMicros) {
    this.threads = threads;
    this.listener = listener;
    this.frameSize = frameSize;
    this.workMicros = workMicros;
    this.acceptor = new Thread(this::acceptLoop, "blocking-echo-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * On virtual threads, or {@code null} before JDK 21. The factory is looked up by name so that
   * this module still compiles for release 17.
   */
  static BlockingEchoServer onVirtualThreads() throws IOException {
    return onVirtualThreads(0, 0);
  }

  /**
   * On virtual threads, echoing {@code frameSize}-byte messages whole after {@code workMicros} of
   * CPU work each ({@code frameSize} 0: whatever arrives, no work); {@code null} before JDK 21.
   */
  static BlockingEchoServer onVirtualThreads(int frameSize, int workMicros) throws IOException {
    ExecutorService vts;
    try {
      vts =
          (ExecutorService)
              Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create a virtual-thread executor", e);
    }
    return new BlockingEchoServer(
        vts,
        new ServerSocket(0, 1024, InetAddress.getLoopbackAddress()),
        frameSize,
        workMicros);
  }

  /** Over TLS ({@code SSLServerSocket}) on virtual threads, or {@code null} before JDK 21. */
  static BlockingEchoServer tlsOnVirtualThreads(SSLContext tls) throws IOException {
    BlockingEchoServer plain = onVirtualThreads();
    if (plain == null) {
      return null;
    }
    plain.listener.close();
    return new BlockingEchoServer(
        plain.threads,
        tls.getServerSocketFactory().createServerSocket(0, 1024, InetAddress.getLoopbackAddress()),
        0,
        0);
  }

  static BlockingEchoServer onPlatformThreads() throws IOException {
    return new BlockingEchoServer(Executors.newCachedThreadPool());
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket s;
      try {
        s = listener.accept();
        s.setTcpNoDelay(true);
      } catch (IOException closed) {
        return;
      }
      sockets.add(s);
      threads.execute(() -> echo(s));
    }
  }

  private void echo(Socket s) {
    byte[] buf = new byte[65536];
    try (s) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      if (frameSize > 0) {
        for (byte[] m = in.readNBytes(frameSize); m.length == frameSize; m = in.readNBytes(frameSize)) {
          GroupEchoBench.work(workMicros);
          out.write(m);
        }
        return;
      }
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
      }
    } catch (IOException closedOrReset) {
      // the client went away, or close() closed the socket
    } finally {
      sockets.remove(s);
    }
  }

  @Override
  public int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
    acceptor.join(10_000);
  }
}
