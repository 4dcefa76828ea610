package io.asyncio4j.it.dead;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.Asyncio.sleep;

import io.asyncio4j.Async;
import io.asyncio4j.Awaitable;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;

/** Hoisted references that are dead at a later await: the machine must not keep them alive. */
public final class DeadAcrossAwait {
  private DeadAcrossAwait() {}

  /** {@code big} lives across the first await, is dead at the second: cleared before it. */
  @Async
  static String bufferDeadAtSecondAwait(Awaitable<String> gate, List<WeakReference<byte[]>> out) {
    byte[] big = new byte[1 << 20];
    await(sleep(Duration.ZERO));
    out.add(new WeakReference<>(big));
    int n = big.length;
    String r = await(gate);
    return r + " " + n;
  }

  /** A parameter used only before the await is dead during it. */
  @Async
  static int parameterDeadDuringAwait(byte[] input, Awaitable<String> gate) {
    int n = input.length;
    await(gate);
    return n;
  }

  /** In a loop, a local read at the loop's top stays alive across the await at its bottom. */
  @Async
  static int loopKeepsWhatTheNextIterationReads(List<String> items, Awaitable<String> gate) {
    int total = 0;
    StringBuilder seen = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      seen.append(items.get(i));
      await(gate);
      total += seen.length();
    }
    return total;
  }
}
