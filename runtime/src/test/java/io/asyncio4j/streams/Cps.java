package io.asyncio4j.streams;

import io.asyncio4j.Awaitable;
import io.asyncio4j.spi.AsyncStateMachine;

/**
 * A hand-written coroutine for the streams tests, in continuation-passing style: the body returns
 * either the result or {@link #then(Awaitable, Next)} (await this, then continue with that), so a
 * test can write loops as recursion without a processor.
 *
 * <pre>{@code
 * Cps.of(() -> then(reader.readLine(), line -> then(writer.drain(), v -> line)))
 * }</pre>
 */
final class Cps<T> extends AsyncStateMachine<T> {
  interface Body {
    Object run() throws Throwable;
  }

  interface Next {
    Object run(Object value) throws Throwable;
  }

  interface OnError {
    Object run(Throwable error) throws Throwable;
  }

  /** "Await {@code awaitable}, then run {@code next} with its value (or {@code onError})". */
  static final class Then {
    final Awaitable<?> awaitable;
    final Next next;
    final OnError onError;

    Then(Awaitable<?> awaitable, Next next, OnError onError) {
      this.awaitable = awaitable;
      this.next = next;
      this.onError = onError;
    }
  }

  static Then then(Awaitable<?> awaitable, Next next) {
    return new Then(awaitable, next, null);
  }

  static Then then(Awaitable<?> awaitable, Next next, OnError onError) {
    return new Then(awaitable, next, onError);
  }

  static <T> Cps<T> of(Body body) {
    return new Cps<>(body);
  }

  private final Body body;
  private Then pending;
  private boolean started;

  private Cps(Body body) {
    this.body = body;
  }

  @Override
  protected Object step() throws Throwable {
    Object out;
    if (!started) {
      started = true;
      out = body.run();
    } else {
      Then t = pending;
      pending = null;
      Object v;
      try {
        v = resumeValue();
      } catch (Throwable e) {
        if (t.onError == null) {
          throw e;
        }
        v = null;
        out = t.onError.run(e);
        return drive(out);
      }
      out = t.next.run(v);
    }
    return drive(out);
  }

  private Object drive(Object out) throws Throwable {
    while (out instanceof Then) {
      Then t = (Then) out;
      Object r;
      try {
        r = await(t.awaitable);
      } catch (Throwable e) {
        if (t.onError == null) {
          throw e;
        }
        out = t.onError.run(e);
        continue;
      }
      if (r == SUSPENDED) {
        pending = t;
        return SUSPENDED;
      }
      out = t.next.run(r);
    }
    return out;
  }
}
