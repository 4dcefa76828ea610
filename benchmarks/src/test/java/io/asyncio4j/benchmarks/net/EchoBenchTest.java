package io.asyncio4j.benchmarks.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A short smoke run of the echo benchmark: every server echoes correctly under the load. */
class EchoBenchTest {
  @Test
  @Timeout(30)
  void everyServerCompletesRoundTripsUnderALoadOfFourConnections() throws Exception {
    List<String> servers = List.of("asyncio4j", "netty", "virtual-threads", "platform-threads");
    List<EchoBench.Result> results = EchoBench.run(servers, 4, 32, 0.1, 0.3);
    boolean virtualThreads = Runtime.version().feature() >= 21;
    assertEquals(virtualThreads ? 4 : 3, results.size());
    for (EchoBench.Result r : results) {
      assertTrue(r.roundTrips() > 0, r.server() + ": " + r.roundTrips());
    }
  }
}
