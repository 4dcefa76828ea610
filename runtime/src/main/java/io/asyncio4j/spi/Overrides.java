package io.asyncio4j.spi;

import io.asyncio4j.Coroutine;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Virtual dispatch of the entry point of one overridable {@code @Async} method: when a subclass
 * of the receiver's declared class overrides the method, the entry point must return the
 * override's coroutine, as a Java call would run the override. Generated-code-facing: the
 * companion class holds one per overridable instance method, and the method's entry point calls
 * it for a receiver whose class is not exactly the declaring class:
 *
 * <pre>{@code
 * private static final Overrides areaOverrides =
 *     Overrides.of(MethodHandles.lookup(), Area.class, Shape.class, "area", int.class);
 *
 * static Coroutine<Double> area(Shape self, int scale) {
 *   if (self.getClass() != Shape.class) {
 *     return areaOverrides.call(self, scale);
 *   }
 *   return new Area(self, scale);                   // Area: the method's state machine
 * }
 * }</pre>
 *
 * <p>The override of a class is, below the declaring class, the nearest non-static, non-private
 * method of the same name and erased parameter types: when its class has a companion with an
 * entry point for it (an {@code @Async} override), that entry point's coroutine; else (a plain
 * override) a coroutine that calls the method when it first steps. A class without an override
 * gets the state machine of the declaring class, built with its constructor. The answer is
 * looked up once per receiver class, on its first call.
 *
 * <p>Access: every reflective lookup goes through the {@link MethodHandles.Lookup} of the
 * generated companion, so it has exactly the generated code's access (package-private
 * companions and overrides, named modules).
 *
 * <p>Immutable after construction; the per-class cache is a {@link ClassValue}. Threading:
 * thread-safe.
 */
public final class Overrides {
  private static final MethodType SPREAD =
      MethodType.methodType(Object.class, Object.class, Object[].class);
  private static final MethodHandle PLAIN;

  static {
    try {
      PLAIN =
          MethodHandles.lookup()
              .findConstructor(
                  PlainOverride.class,
                  MethodType.methodType(void.class, MethodHandle.class, Object.class, Object[].class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final MethodHandles.Lookup companion;
  private final Class<?> machine;
  private final Class<?> declaring;
  private final String name;
  private final Class<?>[] parameters;

  /** Per receiver class: {@code (receiver, arguments) -> the coroutine}. */
  private final ClassValue<MethodHandle> byClass =
      new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
          return target(type);
        }
      };

  private Overrides(
      MethodHandles.Lookup companion,
      Class<?> machine,
      Class<?> declaring,
      String name,
      Class<?>[] parameters) {
    this.companion = companion;
    this.machine = machine;
    this.declaring = declaring;
    this.name = name;
    this.parameters = parameters.clone();
  }

  /**
   * The dispatch of method {@code name(parameters)} of {@code declaring}.
   *
   * @param companion {@code MethodHandles.lookup()} called in the generated companion class
   * @param machine the method's state machine, whose constructor takes the receiver (of type
   *     {@code declaring}) and the arguments, in this order and with these erased types
   * @param declaring the class that declares the {@code @Async} method
   * @param name the method's name
   * @param parameters the method's erased parameter types
   */
  public static Overrides of(
      MethodHandles.Lookup companion,
      Class<?> machine,
      Class<?> declaring,
      String name,
      Class<?>... parameters) {
    return new Overrides(companion, machine, declaring, name, parameters);
  }

  /** {@link #virtual} dispatches, by companion, declaring class, name and parameter types. */
  private static final ClassValue<java.util.concurrent.ConcurrentHashMap<List<Object>, Overrides>>
      VIRTUAL =
          new ClassValue<>() {
            @Override
            protected java.util.concurrent.ConcurrentHashMap<List<Object>, Overrides> computeValue(
                Class<?> type) {
              return new java.util.concurrent.ConcurrentHashMap<>();
            }
          };

  /**
   * The dispatch of a call of a method that is not {@code @Async} itself but that {@code @Async}
   * methods override (an interface's abstract method, say): a receiver whose class (or a
   * superclass below {@code declaring}) has an {@code @Async} override gets that override's
   * coroutine, any other a coroutine that makes the plain virtual call. Looked up once per
   * calling companion, method and receiver class.
   *
   * @param companion {@code MethodHandles.lookup()} called in the generated companion class
   * @param declaring the class or interface that declares the method the call names
   * @param name the method's name
   * @param parameters the method's erased parameter types
   */
  public static Overrides virtual(
      MethodHandles.Lookup companion, Class<?> declaring, String name, Class<?>... parameters) {
    List<Object> key = List.of(companion.lookupClass(), name, List.of(parameters));
    return VIRTUAL.get(declaring)
        .computeIfAbsent(key, k -> new Overrides(companion, null, declaring, name, parameters));
  }

  /** The coroutine of a call of the method without arguments on {@code receiver}. */
  public <T> Coroutine<T> call(Object receiver) {
    return dispatch(receiver, new Object[0]);
  }

  /** The coroutine of a call of the method with one argument on {@code receiver}. */
  public <T> Coroutine<T> call(Object receiver, Object a) {
    return dispatch(receiver, new Object[] {a});
  }

  /** The coroutine of a call of the method with two arguments on {@code receiver}. */
  public <T> Coroutine<T> call(Object receiver, Object a, Object b) {
    return dispatch(receiver, new Object[] {a, b});
  }

  /** The coroutine of a call of the method with three arguments on {@code receiver}. */
  public <T> Coroutine<T> call(Object receiver, Object a, Object b, Object c) {
    return dispatch(receiver, new Object[] {a, b, c});
  }

  /** The coroutine of a call of the method with four arguments on {@code receiver}. */
  public <T> Coroutine<T> call(Object receiver, Object a, Object b, Object c, Object d) {
    return dispatch(receiver, new Object[] {a, b, c, d});
  }

  /**
   * The coroutine of a call of the method with five or more arguments on {@code receiver}. Not
   * an overload of {@code call} (nor varargs): a single array argument of a {@code call} must
   * stay one argument.
   *
   * @param arguments the arguments, in order; the array becomes the coroutine's
   */
  public <T> Coroutine<T> callWith(Object receiver, Object[] arguments) {
    return dispatch(receiver, arguments);
  }

  @SuppressWarnings("unchecked")
  private <T> Coroutine<T> dispatch(Object receiver, Object[] arguments) {
    try {
      Object coroutine =
          (Object) byClass.get(receiver.getClass()).invokeExact(receiver, arguments);
      return (Coroutine<T>) coroutine;
    } catch (Throwable t) {
      throw AsyncStateMachine.sneak(t);
    }
  }

  /** The handle of {@link #byClass} for {@code type}. */
  private MethodHandle target(Class<?> type) {
    int n = parameters.length;
    for (Class<?> k = type; k != null && k != declaring; k = k.getSuperclass()) {
      Method m;
      try {
        m = k.getDeclaredMethod(name, parameters);
      } catch (NoSuchMethodException e) {
        continue;
      }
      if (Modifier.isStatic(m.getModifiers()) || Modifier.isPrivate(m.getModifiers())) {
        continue;
      }
      try {
        Method entry = entryPoint(k);
        if (entry != null) {
          return spread(
              MethodHandles.privateLookupIn(entry.getDeclaringClass(), companion).unreflect(entry),
              n);
        }
        if (machine == null) {
          break; // a plain implementation: the virtual call below reaches it
        }
        MethodHandle plain = spread(MethodHandles.privateLookupIn(k, companion).unreflect(m), n);
        return MethodHandles.insertArguments(PLAIN, 0, plain).asType(SPREAD);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot reach the override of " + name + " in " + k, e);
      }
    }
    if (machine == null) {
      try {
        Method m;
        try {
          m = declaring.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
          m = declaring.getDeclaredMethod(name, parameters); // a package-private method
        }
        MethodHandle virtual;
        try {
          virtual = companion.unreflect(m);
        } catch (IllegalAccessException e) {
          virtual = MethodHandles.privateLookupIn(declaring, companion).unreflect(m);
        }
        return MethodHandles.insertArguments(PLAIN, 0, spread(virtual, n)).asType(SPREAD);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot call " + name + " of " + declaring.getName(), e);
      }
    }
    Class<?>[] ctor = new Class<?>[n + 1];
    ctor[0] = declaring;
    System.arraycopy(parameters, 0, ctor, 1, n);
    try {
      return spread(companion.findConstructor(machine, MethodType.methodType(void.class, ctor)), n);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "no constructor (" + declaring.getName() + ", …) in " + machine.getName(), e);
    }
  }

  /** The entry point of the method in the companion of {@code k}, or null (a plain override). */
  private Method entryPoint(Class<?> k) {
    String pkg = k.getPackageName();
    String nested = k.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
    Class<?>[] entryParameters = new Class<?>[parameters.length + 1];
    entryParameters[0] = k;
    System.arraycopy(parameters, 0, entryParameters, 1, parameters.length);
    try {
      Class<?> companion =
          Class.forName(
              (pkg.isEmpty() ? "" : pkg + ".") + nested.replace('$', '_') + "Async",
              false,
              k.getClassLoader());
      return companion.getDeclaredMethod(name, entryParameters);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      return null;
    }
  }

  /** {@code h} of type {@code (receiver, arguments…)} as {@code (Object, Object[]) -> Object}. */
  private static MethodHandle spread(MethodHandle h, int arguments) {
    return h.asType(MethodType.genericMethodType(arguments + 1))
        .asSpreader(Object[].class, arguments)
        .asType(SPREAD);
  }

  /** The coroutine of a plain (not {@code @Async}) override: it calls it when it first steps. */
  private static final class PlainOverride extends AsyncStateMachine<Object> {
    private final MethodHandle target;
    private final Object receiver;
    private final Object[] arguments;

    PlainOverride(MethodHandle target, Object receiver, Object[] arguments) {
      this.target = target;
      this.receiver = receiver;
      this.arguments = arguments;
    }

    @Override
    protected Object step() throws Throwable {
      return target.invokeExact(receiver, arguments);
    }
  }
}
