package io.asyncio4j.it.resolve;

import static io.asyncio4j.Asyncio.await;
import static io.asyncio4j.it.V.v;

import io.asyncio4j.Async;

/**
 * Calls of a plain method (an interface's, an abstract class's) that {@code @Async} methods
 * override: the receiver's class decides at run time, as for a Java call.
 */
public class Dispatch {
  /** Programming to an interface: @Async goes on the implementations. */
  public interface Fetcher {
    String fetch(String url);
  }

  /** An @Async implementation. */
  public static final class Http implements Fetcher {
    @Override
    @Async
    public String fetch(String url) {
      return await(v("http:")) + url;
    }
  }

  /** A plain implementation. */
  public static final class Plain implements Fetcher {
    @Override
    public String fetch(String url) {
      return "plain:" + url;
    }
  }

  /** An abstract method of a class. */
  abstract static class Base {
    abstract int size(int k);
  }

  /** Overrides it with an @Async method. */
  static class Sized extends Base {
    @Override
    @Async
    int size(int k) {
      return await(v(k)) * 2;
    }
  }

  /** Inherits the @Async override. */
  static class SubSized extends Sized {}

  @Async
  static String load(Fetcher f) {
    return f.fetch("x") + "!";
  }

  @Async
  static int measure(Base b) {
    return b.size(3) + 1;
  }
}
