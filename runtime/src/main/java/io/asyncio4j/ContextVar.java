package io.asyncio4j;

import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A variable whose value belongs to the current {@link Context}: asyncio's {@code
 * contextvars.ContextVar}. Concurrent tasks each see their own value, a new task starts with the
 * values of the task (or thread) that created it, and {@link Asyncio#toThread} carries them to the
 * worker.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("requestId");
 *
 * @Async
 * void handle(Request r) {
 *   REQUEST_ID.set(r.id());                    // only this task (and tasks it creates) see it
 *   await(HandlerAsync.process(this, r));      // REQUEST_ID.get() is r.id() in there
 * }
 * }</pre>
 *
 * <p>To mirror a variable into a {@link ThreadLocal} (a logging MDC, a tracing span) while a task
 * runs, install a {@link ContextHook} on the loop.
 *
 * <p>Threading: thread-safe (the variable is a key; the values live in immutable contexts).
 *
 * @param <T> the value type
 */
public final class ContextVar<T> {
  private final String name;
  private final T defaultValue;
  private final boolean hasDefault;

  /**
   * A variable without a default: {@link #get()} throws until it is set.
   *
   * @param name the name, for messages
   */
  public ContextVar(String name) {
    this.name = Objects.requireNonNull(name, "name");
    this.defaultValue = null;
    this.hasDefault = false;
  }

  /**
   * A variable whose {@link #get()} is {@code defaultValue} until it is set.
   *
   * @param name the name, for messages
   * @param defaultValue the value until one is set
   */
  public ContextVar(String name, T defaultValue) {
    this.name = Objects.requireNonNull(name, "name");
    this.defaultValue = defaultValue;
    this.hasDefault = true;
  }

  /**
   * The name given at construction.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The value in the current context, else the default.
   *
   * @return the value
   * @throws NoSuchElementException if it has neither (Python's {@code LookupError})
   */
  public T get() {
    Context c = Context.current();
    if (c.contains(this) || hasDefault) {
      return c.get(this);
    }
    throw new NoSuchElementException("ContextVar " + name + " has no value");
  }

  /**
   * The value in the current context, else {@code fallback} (even when a default exists).
   *
   * @param fallback the value to return when none is set
   * @return the value, or {@code fallback}
   */
  public T get(T fallback) {
    Context c = Context.current();
    return c.contains(this) ? c.get(this) : fallback;
  }

  /**
   * Sets the value in the current context (the running task's, else the calling thread's).
   *
   * @param value the new value
   * @return a token for {@link #reset(Token)}, which restores the previous value
   */
  public Token<T> set(T value) {
    Context c = Context.current();
    boolean had = c.contains(this);
    Token<T> token = new Token<>(this, had, had ? c.get(this) : null);
    Context.setCurrent(c.with(this, value));
    return token;
  }

  /**
   * Restores the value {@code token}'s {@link #set} replaced (or none).
   *
   * @param token what {@link #set} returned
   * @throws IllegalArgumentException if the token belongs to another variable
   * @throws IllegalStateException if it was already used
   */
  public void reset(Token<T> token) {
    if (token.var != this) {
      throw new IllegalArgumentException(token + " was created by a different ContextVar");
    }
    if (token.used) {
      throw new IllegalStateException(token + " has already been used once");
    }
    token.used = true;
    Context c = Context.current();
    Context.setCurrent(token.hadValue ? c.with(this, token.oldValue) : c.without(this));
  }

  /** The default, or {@code null} without one. */
  T defaultValue() {
    return defaultValue;
  }

  @Override
  public String toString() {
    return "ContextVar[" + name + "]";
  }

  /**
   * What {@link ContextVar#set} replaced, for {@link ContextVar#reset}; usable once.
   *
   * @param <T> the value type
   */
  public static final class Token<T> {
    private final ContextVar<T> var;
    private final boolean hadValue;
    private final T oldValue;
    private boolean used;

    private Token(ContextVar<T> var, boolean hadValue, T oldValue) {
      this.var = var;
      this.hadValue = hadValue;
      this.oldValue = oldValue;
    }

    @Override
    public String toString() {
      return "Token[" + var.name + "]";
    }
  }
}
