package io.asyncio4j;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A loop {@link Future} mirroring a {@link CompletionStage}: the stage's outcome, which may arrive
 * on any thread, is handed to the loop with {@link EventLoop#callSoonThreadsafe(Runnable)};
 * cancelling this future cancels the stage. One object is the stage's completion callback, the
 * runnable posted to the loop and the future the task awaits.
 *
 * <p>States: those of {@link Future}.
 *
 * <p>Invariants: {@link #outcome}/{@link #failed} are written once, by the stage's completing
 * thread, before the post that publishes them to the loop.
 *
 * <p>Threading: loop-confined, except {@link #accept}, which runs on the stage's thread.
 */
final class StageFuture<T> extends Future<T> implements BiConsumer<T, Throwable>, Runnable {
  private final CompletionStage<T> stage;
  private Object outcome;
  private boolean failed;

  @SuppressWarnings("unchecked")
  StageFuture(EventLoop loop, CompletionStage<?> stage) {
    super(loop);
    this.stage = (CompletionStage<T>) stage;
    this.stage.whenComplete(this);
  }

  /** The stage completed (any thread). */
  @Override
  public void accept(T value, Throwable error) {
    if (error != null) {
      outcome = unwrap(error);
      failed = true;
    } else {
      outcome = value;
    }
    if (!loop.isClosed()) {
      try {
        loop.callSoonThreadsafe(this);
      } catch (IllegalStateException closedMeanwhile) {
        // The loop closed between the check and the post: nobody can await the result any more.
      }
    }
  }

  /** On the loop: complete this future unless it was cancelled meanwhile. */
  @SuppressWarnings("unchecked")
  @Override
  public void run() {
    if (done()) {
      return;
    }
    if (failed) {
      setException((Throwable) outcome);
    } else {
      setResult((T) outcome);
    }
  }

  @Override
  public boolean cancel(String msg) {
    if (!super.cancel(msg)) {
      return false;
    }
    try {
      stage.toCompletableFuture().cancel(false);
    } catch (UnsupportedOperationException notSupported) {
      // A stage that cannot be converted cannot be cancelled; its result will be ignored.
    }
    return true;
  }

  /** The outcome of a done {@link CompletableFuture}: its value, or throws its exception. */
  static Object outcomeOf(CompletableFuture<?> cf) throws Throwable {
    try {
      return cf.getNow(null);
    } catch (CompletionException e) {
      throw unwrap(e);
    } catch (CancellationException e) {
      throw e;
    }
  }

  static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
