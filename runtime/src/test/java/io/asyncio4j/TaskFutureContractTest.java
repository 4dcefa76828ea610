package io.asyncio4j;

import static io.asyncio4j.Coro.awaiting;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * {@link FutureContractTest} on a task whose coroutine awaits a gate future and returns its result
 * or throws its exception.
 */
class TaskFutureContractTest extends FutureContractTest {
  private final Map<Future<String>, Future<String>> gates = new IdentityHashMap<>();

  @Override
  Future<String> newPending() {
    Future<String> gate = loop.createFuture();
    Task<String> t = loop.createTask(Coro.<String>start(v -> awaiting(gate)));
    gates.put(t, gate);
    Loops.runBriefly(loop); // the task is now suspended on its gate
    return t;
  }

  @Override
  void complete(Future<String> f, String value) {
    gates.get(f).setResult(value);
  }

  @Override
  void fail(Future<String> f, Throwable error) {
    gates.get(f).setException(error);
  }
}
