package io.asyncio4j.streams;

import static io.asyncio4j.streams.Cps.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Future;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server facing peers that lie, stall or exhaust resources, over real loopback sockets. */
class HostilePeerTest {
  private static final String HOST = "127.0.0.1";

  @Test
  @Timeout(10)
  void aLengthHeaderOfTwoGibibytesCostsOnlyTheBytesThatArrive() {
    List<String> got = new ArrayList<>();
    long allocatedBefore = allocatedBytes();
    Asyncio.run(
        Cps.of(
            () -> {
              Future<Void> handled = Asyncio.getRunningLoop().createFuture();
              return then(
                  Streams.startServer(
                      (r, w) ->
                          Cps.of(
                              () ->
                                  then(
                                      r.readExactly(4),
                                      h ->
                                          then(
                                              r.readExactly(ByteBuffer.wrap((byte[]) h).getInt()),
                                              body -> null,
                                              e -> {
                                                IncompleteReadException ire =
                                                    (IncompleteReadException) e;
                                                got.add(
                                                    ire.partial().length
                                                        + " of "
                                                        + ire.expected());
                                                handled.setResult(null);
                                                return null;
                                              }))),
                      HOST,
                      0),
                  sv -> {
                    Socket peer = new Socket(HOST, ((Server) sv).port());
                    DataOutputStream out = new DataOutputStream(peer.getOutputStream());
                    out.writeInt(Integer.MAX_VALUE - 8);
                    out.write(new byte[1000]);
                    out.flush();
                    peer.close();
                    return then(handled, v -> null);
                  });
            }));
    assertEquals(List.of("1000 of " + (Integer.MAX_VALUE - 8)), got);
    long allocated = allocatedBytes() - allocatedBefore;
    assertTrue(allocated < 64 << 20, "the loop thread allocated " + allocated + " bytes");
  }

  /** Bytes allocated by the calling thread, the one that runs the loop. */
  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
