package io.asyncio4j.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps the lines of a state machine's source back to the user's {@code @Async} method, so that an
 * async stack trace shows a frame of generated code as the user's frame ({@code
 * demo.Crawler.page(Crawler.java:42)} instead of {@code demo.CrawlerAsync$Page.step(...)}).
 *
 * <p>Not for users: the processor puts it on each generated {@link AsyncStateMachine} subclass.
 * The runtime reads it reflectively, once per class and only when it rewrites an exception's stack
 * trace; the success path never touches it.
 *
 * <p>{@link #lines()} is a comma-separated list of entries, ascending by generated line: {@code
 * G:U} maps generated line {@code G} to user line {@code U}; {@code G-H:U} maps generated lines
 * {@code G..H} to user lines {@code U..U+(H-G)} (a statement copied over several lines). Lines of
 * the class that no entry covers have no user meaning (dispatch, helpers, wrappers).
 *
 * <p>{@link #points()} lists the machine's resume points, for {@link
 * AsyncStateMachine#suspensionPoint(int)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SourceMap {
  /** The binary name of the user's class that declares the method. */
  String className();

  /** The user's method name. */
  String method();

  /** The simple name of the user's source file. */
  String file();

  /** Generated line ranges to user lines; see the {@linkplain SourceMap type documentation}. */
  String lines();

  /**
   * The user's line of each resume point: comma-separated {@code L:U} entries, ascending by
   * label, where {@code L} is the value of the machine's {@code label} while it awaits there and
   * {@code U} the user's line of the await. Empty for a machine that never awaits (or a class
   * that does not use {@link AsyncStateMachine#suspensionPoint(int)}).
   */
  String points() default "";
}
