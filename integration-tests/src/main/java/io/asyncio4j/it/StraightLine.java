package io.asyncio4j.it;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Straight-line bodies: locals across awaits, results, exceptions. */
public class StraightLine {
  final List<String> log = new ArrayList<>();

  @Async
  public int addLater(int a, int b) {
    log.add("start");
    int x = a * 2;
    await(sleep(Duration.ofMillis(1)));
    log.add("after sleep " + x);
    String s = await(sleep(Duration.ofMillis(1), "v"));
    return x + b + s.length();
  }

  @Async
  public static String fails(String msg) throws java.io.IOException {
    await(sleep(Duration.ofMillis(1)));
    throw new java.io.IOException(msg);
  }

  @Async
  void nothing() {
    await(sleep(Duration.ZERO));
  }
}
