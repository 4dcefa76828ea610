package io.asyncio4j.processor.diag;

/**
 * Every text the processor reports. Each reads {@code [Tag] rule; fix}: a stable tag users can
 * search for, a present-tense rule naming the construct, and a concrete fix after the semicolon.
 */
public enum Message {
  AWAIT_IN_LAMBDA(
      "AsyncAwaitInLambda",
      "await() cannot be used inside a lambda or method reference; move it to the enclosing @Async"
          + " method"),
  AWAIT_IN_CLASS(
      "AsyncAwaitInClass",
      "await() cannot be used inside an anonymous or local class; move it to the enclosing @Async"
          + " method"),
  AWAIT_IN_SYNCHRONIZED(
      "AsyncAwaitInSynchronized",
      "await() cannot be used inside a synchronized block, because the monitor would be held across"
          + " a suspension; use io.asyncio4j.Lock instead"),
  AWAIT_IN_CONSTRUCTOR_CALL(
      "AsyncAwaitInConstructorCall",
      "await() cannot be used in an explicit constructor call; compute the value before the"
          + " constructor runs"),
  AWAIT_IN_FIELD_INITIALIZER(
      "AsyncAwaitInFieldInitializer",
      "await() cannot be used in a field initializer, which runs outside any coroutine; initialize"
          + " the field from an @Async method"),
  ASYNC_ON_CONSTRUCTOR(
      "AsyncOnConstructor",
      "@Async cannot be applied to a constructor; move the asynchronous work to an @Async factory"
          + " method"),
  ASYNC_ON_ABSTRACT(
      "AsyncOnAbstract",
      "@Async requires a method body, but %s is abstract; put @Async on the implementations"),
  ASYNC_ON_NATIVE(
      "AsyncOnNative", "@Async requires a Java method body, but %s is native; remove @Async"),
  ASYNC_SYNCHRONIZED(
      "AsyncSynchronizedMethod",
      "an @Async method cannot be synchronized, because its monitor would have to stay held across"
          + " suspensions while the loop thread runs other tasks; remove synchronized and guard"
          + " the state with io.asyncio4j.Lock (or a synchronized block without awaits)"),
  ASYNC_IN_ANONYMOUS_CLASS(
      "AsyncInAnonymousClass",
      "@Async methods cannot be declared in an anonymous class, whose type no companion can name;"
          + " declare a named nested class that overrides the method and create that instead"),
  ASYNC_IN_ENUM_CONSTANT_BODY(
      "AsyncInEnumConstantBody",
      "this @Async method in the body of enum constant %s %s; the constant's @Async methods run"
          + " as the enum's, so %s"),
  COMPANION_NAME_TAKEN(
      "AsyncCompanionNameTaken",
      "the @Async methods of %s compile into the companion class %s, but a type of that name"
          + " already exists; rename that type (companions are always named <Class>Async, or"
          + " <Outer>_<Inner>Async for a nested class)"),
  ASYNC_IN_PRIVATE_CLASS(
      "AsyncInPrivateClass",
      "@Async methods must be declared in a class the generated companion can reach, but %s is"
          + " private or local; make the class package-private or wider"),
  NON_DENOTABLE_VAR(
      "AsyncNonDenotableVar",
      "the var local %s has type %s, which cannot be written as a field, and it lives across an"
          + " await; declare it with an explicit type"),
  SWALLOWED_CANCELLATION(
      "AsyncSwallowedCancellation",
      "this catch of %s around an await can swallow CancelledException without rethrowing it, so"
          + " the task cannot be cancelled; catch CancelledException first and rethrow it, or"
          + " add @SuppressWarnings(\"AsyncSwallowedCancellation\") to the method"),
  ASYNC_CALL_NOT_AWAITED(
      "AsyncDirectCall",
      "this call of the @Async method %s is not an inline await in the generated code (an asyncio4j"
          + " bug: please report it), so its body would run as plain Java, where await() throws"
          + " IllegalStateException; write await(%s) instead"),
  ASYNC_CALL_MISRESOLVED(
      "AsyncDirectCall",
      "the generated code awaits %s here, but javac resolves this call to %s (an asyncio4j bug:"
          + " please report it); call %s explicitly"),
  ASYNC_CALL_DISPATCHED(
      "AsyncDirectCall",
      "this call of %s can run the @Async method %s that overrides it, whose body then runs as"
          + " plain Java, where await() throws IllegalStateException; call it on a receiver of the"
          + " @Async method's class, or await its coroutine %s"),
  ASYNC_METHOD_REFERENCE(
      "AsyncMethodReference",
      "a method reference to the @Async method %s runs its body as plain Java, where await() throws"
          + " IllegalStateException; use a lambda that returns the coroutine %s"),
  PRIVATE_FIELD_UNKNOWN_RECEIVER(
      "AsyncPrivateAccess",
      "the private field %s is selected on an expression whose type the processor cannot tell, so"
          + " the generated class cannot reach it; assign the expression to a local of its type"
          + " first"),
  OVERLOAD_UNDECIDED(
      "AsyncOverloadUndecided",
      "this call of %s may reach an @Async overload or a plain one with as many parameters, and the"
          + " processor cannot tell the argument types apart here; give the @Async overload its own"
          + " name, or cast the arguments to its parameter types"),
  ASYNC_WITH_OUTSIDE_ASYNC(
      "AsyncWithOutsideAsync",
      "a try-with-resources over an AsyncCloseable awaits its close and works only directly in an"
          + " @Async method, but this one is in %s; move it into an @Async method (or, there,"
          + " declare the resource with its type), or await(resource.closeAsync(null)) yourself"),
  ASYNC_FOR_OUTSIDE_ASYNC(
      "AsyncForOutsideAsync",
      "a for loop over an AsyncIterable awaits each element and works only directly in an @Async"
          + " method, but this one is in %s; move it into an @Async method (or, there, put the"
          + " iterable in a local declared with its type)"),
  PRIVATE_TYPE(
      "AsyncPrivateType",
      "the private type %s cannot be named by the generated companion, which is another top-level"
          + " class; make %s package-private"),
  UNSUPPORTED(
      "AsyncUnsupported",
      "%s is not supported around an await yet; %s"),
  MISSING_TYPE(
      "AsyncMissingType",
      "the type of %s could not be determined (it may refer to a type that does not exist); fix the"
          + " other compile errors first"),
  NOT_JAVAC(
      "AsyncNotJavac",
      "the asyncio4j processor needs the javac compiler tree API (com.sun.source), which this"
          + " compiler environment does not provide (%s); compile with javac or Maven/Gradle's"
          + " javac integration"),
  // Common mistakes (scan/MistakeChecker).
  AWAIT_OUTSIDE_ASYNC(
      "AsyncAwaitOutsideAsync",
      "await() is called in %s, which is not @Async, so nothing can suspend it; %s, or run a"
          + " coroutine from plain code with Asyncio.run(...)"),
  DIRECT_CALL_NOT_COROUTINE(
      "AsyncDirectCallNotCoroutine",
      "%s(...) is @Async, and calling it directly awaits it inline and gives its %s result, not a"
          + " Coroutine; pass the coroutine %s to %s(...)%s"),
  UNQUALIFIED_WAIT(
      "AsyncUnqualifiedWait",
      "an unqualified wait(...) is Object.wait, which blocks the thread; call Asyncio.wait(...)"),
  NOT_AWAITED(
      "AsyncNotAwaited",
      "this %s is created but never awaited, so %s; %s, or add"
          + " @SuppressWarnings(\"AsyncNotAwaited\")"),
  BLOCKING_CALL(
      "AsyncBlockingCall",
      "%s blocks the event loop's thread, and every other task waits until it returns; %s, or add"
          + " @SuppressWarnings(\"AsyncBlockingCall\") to the method"),
  CHECKED_CATCH_AROUND_AWAIT(
      "AsyncCheckedCatchAroundAwait",
      "await(...) declares no checked exceptions, so javac rejects this catch of %s when nothing"
          + " else in the try throws it (the exception does arrive at run time); call the @Async"
          + " method directly instead (m() rather than await(FooAsync.m()): a direct call keeps its"
          + " throws clause), or catch Exception"),
  PROCESSOR_CRASH(
      "AsyncProcessorCrash",
      "the asyncio4j processor failed on %s; please report this bug with this trace: %s");

  private final String tag;
  private final String text;

  Message(String tag, String text) {
    this.tag = tag;
    this.text = text;
  }

  /** The stable tag, without brackets. */
  public String tag() {
    return tag;
  }

  /** The full text with {@code args} filled in. */
  public String format(Object... args) {
    return "[" + tag + "] " + String.format(text, args);
  }
}
