package io.asyncio4j;

/** Rethrowing original exceptions without wrapping them. */
final class Throwables {
  private Throwables() {}

  /**
   * Throws {@code t} as is, even if it is a checked exception the caller does not declare: asyncio4j
   * promises "the original exception" from {@code result()}, {@code run()} and {@code
   * runUntilComplete()}, never a wrapper. The return type lets callers write {@code throw
   * sneakyThrow(t)}.
   */
  static RuntimeException sneakyThrow(Throwable t) {
    throw Throwables.<RuntimeException>sneaky(t);
  }

  @SuppressWarnings("unchecked")
  private static <X extends Throwable> X sneaky(Throwable t) throws X {
    throw (X) t;
  }

  /**
   * Whether {@code t} must stop the loop: a {@link VirtualMachineError} other than {@link
   * StackOverflowError} and {@link OutOfMemoryError}, which fail only the task or callback that
   * threw them (see {@link Task}).
   */
  static boolean isFatal(Throwable t) {
    return t instanceof VirtualMachineError
        && !(t instanceof StackOverflowError)
        && !(t instanceof OutOfMemoryError);
  }
}
