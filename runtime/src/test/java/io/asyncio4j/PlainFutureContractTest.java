package io.asyncio4j;

/** {@link FutureContractTest} on a future from {@link EventLoop#createFuture()}. */
class PlainFutureContractTest extends FutureContractTest {
  @Override
  Future<String> newPending() {
    return loop.createFuture();
  }

  @Override
  void complete(Future<String> f, String value) {
    f.setResult(value);
  }

  @Override
  void fail(Future<String> f, Throwable error) {
    f.setException(error);
  }
}
