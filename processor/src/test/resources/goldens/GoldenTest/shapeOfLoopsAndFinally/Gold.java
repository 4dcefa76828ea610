package demo;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import java.time.Duration;

public class Gold {
  @Async
  public int countDown(int from) {
    int total = 0;
    while (from > 0) {
      await(sleep(Duration.ofMillis(from)));
      total += from--;
    }
    return total;
  }

  @Async
  String guarded(String key) throws java.io.IOException {
    try {
      return await(sleep(Duration.ZERO, key));
    } finally {
      key = null;
    }
  }
}
