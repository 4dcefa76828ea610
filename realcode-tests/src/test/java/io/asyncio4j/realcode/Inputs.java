package io.asyncio4j.realcode;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The argument values the test can make: primitives, boxes, strings, arrays, lists, sets, maps,
 * enums and a few JDK value types, small enough that no library method runs long on them. {@link
 * #supported} decides on a javac type which methods qualify; {@link #generate} makes the values
 * from the reflective type, the same values for the same {@link Random} state.
 */
final class Inputs {
  private Inputs() {}

  private static final Set<String> DECLARED =
      Set.of(
          "java.lang.Object",
          "java.lang.String",
          "java.lang.CharSequence",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Short",
          "java.lang.Byte",
          "java.lang.Character",
          "java.lang.Boolean",
          "java.lang.Double",
          "java.lang.Float",
          "java.lang.Number",
          "java.lang.Comparable",
          "java.lang.StringBuilder",
          "java.lang.Iterable",
          "java.util.Collection",
          "java.util.List",
          "java.util.ArrayList",
          "java.util.Set",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.Map",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.Locale",
          "java.nio.charset.Charset",
          "java.math.BigInteger",
          "java.math.BigDecimal");

  /** Whether {@link #generate} can make values of the javac type {@code t}. */
  static boolean supported(TypeMirror t, int depth) {
    if (depth > 3) {
      return false;
    }
    switch (t.getKind()) {
      case BOOLEAN:
      case BYTE:
      case SHORT:
      case INT:
      case LONG:
      case CHAR:
      case FLOAT:
      case DOUBLE:
        return true;
      case ARRAY:
        return supported(((ArrayType) t).getComponentType(), depth + 1);
      case TYPEVAR:
        return supported(((javax.lang.model.type.TypeVariable) t).getUpperBound(), depth + 1);
      case WILDCARD:
        TypeMirror ext = ((javax.lang.model.type.WildcardType) t).getExtendsBound();
        return ext == null || supported(ext, depth + 1);
      case DECLARED:
        DeclaredType d = (DeclaredType) t;
        TypeElement el = (TypeElement) d.asElement();
        if (el.getKind() == ElementKind.ENUM) {
          return d.getTypeArguments().isEmpty();
        }
        if (!DECLARED.contains(el.getQualifiedName().toString())) {
          return false;
        }
        for (TypeMirror a : d.getTypeArguments()) {
          if (!supported(a, depth + 1)) {
            return false;
          }
        }
        return true;
      default:
        return false;
    }
  }

  private static final String[] STRINGS = {
    "",
    "abc",
    "Hello World",
    "  a b  ",
    "a,b,,c",
    "123",
    "-4.5",
    "aAbB",
    "xyzzy",
    "ab\tc\n",
    "Foo.Bar",
    "ÄÖü é",
    "0x1F",
    "true",
    "a-b_c"
  };
  private static final int[] INTS = {0, 1, 2, 3, -1, 5, 10, -7, 31, 100, 4};
  private static final double[] DOUBLES = {
    0.0, -0.0, 1.0, -1.5, 2.5, 3.0, 10.0, 1e-3, Double.NaN, Double.POSITIVE_INFINITY, 100.25, -3.75
  };
  private static final char[] CHARS = {'a', 'A', '1', ' ', '-', 'z', 'é', ',', '\n', 'x'};

  /** A fresh value of type {@code t}; {@code null} sometimes where the type allows it. */
  static Object generate(Type t, Random r) {
    return gen(t, r, 0);
  }

  private static Object gen(Type t, Random r, int depth) {
    if (t instanceof Class<?>) {
      return genClass((Class<?>) t, r, depth);
    }
    if (t instanceof TypeVariable<?>) {
      Type b = ((TypeVariable<?>) t).getBounds()[0];
      return b == Object.class ? genClass(String.class, r, depth) : gen(b, r, depth);
    }
    if (t instanceof WildcardType) {
      return gen(((WildcardType) t).getUpperBounds()[0], r, depth);
    }
    if (t instanceof GenericArrayType) {
      Type comp = ((GenericArrayType) t).getGenericComponentType();
      if (r.nextInt(8) == 0) {
        return null;
      }
      int n = r.nextInt(5);
      Object a = Array.newInstance(erasure(comp), n);
      for (int i = 0; i < n; i++) {
        Array.set(a, i, gen(comp, r, depth + 1));
      }
      return a;
    }
    ParameterizedType pt = (ParameterizedType) t;
    Class<?> raw = (Class<?>) pt.getRawType();
    Type[] args = pt.getActualTypeArguments();
    if (r.nextInt(10) == 0) {
      return null;
    }
    if (Map.class.isAssignableFrom(raw)) {
      Map<Object, Object> m = raw == HashMap.class ? new HashMap<>() : new LinkedHashMap<>();
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        m.put(gen(args[0], r, depth + 1), gen(args[1], r, depth + 1));
      }
      return m;
    }
    if (Iterable.class.isAssignableFrom(raw)) {
      Collection<Object> c =
          Set.class.isAssignableFrom(raw)
              ? (raw == HashSet.class ? new HashSet<>() : new LinkedHashSet<>())
              : new ArrayList<>();
      int n = r.nextInt(5);
      for (int i = 0; i < n; i++) {
        c.add(gen(args[0], r, depth + 1));
      }
      return c;
    }
    if (raw == Comparable.class) {
      return genClass(String.class, r, depth);
    }
    return genClass(raw, r, depth);
  }

  private static Class<?> erasure(Type t) {
    if (t instanceof Class<?>) {
      return (Class<?>) t;
    }
    if (t instanceof ParameterizedType) {
      return (Class<?>) ((ParameterizedType) t).getRawType();
    }
    if (t instanceof GenericArrayType) {
      return Array.newInstance(erasure(((GenericArrayType) t).getGenericComponentType()), 0)
          .getClass();
    }
    if (t instanceof TypeVariable<?>) {
      Type b = ((TypeVariable<?>) t).getBounds()[0];
      return b == Object.class ? String.class : erasure(b);
    }
    return erasure(((WildcardType) t).getUpperBounds()[0]);
  }

  private static Object genClass(Class<?> c, Random r, int depth) {
    if (c == int.class) {
      return INTS[r.nextInt(INTS.length)];
    }
    if (c == long.class) {
      return (long) INTS[r.nextInt(INTS.length)] * (r.nextInt(4) == 0 ? 1_000_003L : 1L);
    }
    if (c == short.class) {
      return (short) INTS[r.nextInt(INTS.length)];
    }
    if (c == byte.class) {
      return (byte) INTS[r.nextInt(INTS.length)];
    }
    if (c == char.class) {
      return CHARS[r.nextInt(CHARS.length)];
    }
    if (c == boolean.class) {
      return r.nextBoolean();
    }
    if (c == double.class) {
      return DOUBLES[r.nextInt(DOUBLES.length)];
    }
    if (c == float.class) {
      return (float) DOUBLES[r.nextInt(DOUBLES.length)];
    }
    if (c.isArray()) {
      if (r.nextInt(8) == 0) {
        return null;
      }
      int n = r.nextInt(6);
      Object a = Array.newInstance(c.getComponentType(), n);
      for (int i = 0; i < n; i++) {
        Array.set(a, i, genClass(c.getComponentType(), r, depth + 1));
      }
      return a;
    }
    if (r.nextInt(9) == 0) {
      return null;
    }
    if (c.isPrimitive()) {
      throw new IllegalArgumentException(c.getName());
    }
    if (c == Integer.class) {
      return genClass(int.class, r, depth);
    }
    if (c == Long.class) {
      return genClass(long.class, r, depth);
    }
    if (c == Short.class) {
      return genClass(short.class, r, depth);
    }
    if (c == Byte.class) {
      return genClass(byte.class, r, depth);
    }
    if (c == Character.class) {
      return genClass(char.class, r, depth);
    }
    if (c == Boolean.class) {
      return genClass(boolean.class, r, depth);
    }
    if (c == Double.class) {
      return genClass(double.class, r, depth);
    }
    if (c == Float.class) {
      return genClass(float.class, r, depth);
    }
    if (c == String.class || c == CharSequence.class || c == Comparable.class) {
      return r.nextInt(3) == 0 ? randomString(r) : STRINGS[r.nextInt(STRINGS.length)];
    }
    if (c == StringBuilder.class) {
      return new StringBuilder(STRINGS[r.nextInt(STRINGS.length)]);
    }
    if (c == Number.class) {
      return r.nextBoolean() ? genClass(int.class, r, depth) : genClass(double.class, r, depth);
    }
    if (c == Object.class) {
      switch (r.nextInt(4)) {
        case 0:
          return genClass(int.class, r, depth);
        case 1:
          return depth < 2 ? genClass(int[].class, r, depth + 1) : "x";
        default:
          return genClass(String.class, r, depth);
      }
    }
    if (c == Locale.class) {
      Locale[] ls = {Locale.ROOT, Locale.ENGLISH, Locale.FRENCH, Locale.GERMANY};
      return ls[r.nextInt(ls.length)];
    }
    if (c == Charset.class) {
      return r.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }
    if (c == BigInteger.class) {
      return BigInteger.valueOf((long) INTS[r.nextInt(INTS.length)] * 1_000_000_007L);
    }
    if (c == BigDecimal.class) {
      return BigDecimal.valueOf(DOUBLES[r.nextInt(8)]);
    }
    if (c.isEnum()) {
      Object[] cs = c.getEnumConstants();
      return cs.length == 0 ? null : cs[r.nextInt(cs.length)];
    }
    if (Map.class.isAssignableFrom(c)) {
      return gen(new SimpleParameterized(c, new Type[] {String.class, Integer.class}), r, depth);
    }
    if (Iterable.class.isAssignableFrom(c)) {
      return gen(new SimpleParameterized(c, new Type[] {String.class}), r, depth);
    }
    throw new IllegalArgumentException("no values of " + c.getName());
  }

  private static String randomString(Random r) {
    String alphabet = "aAb1 ,.-_xZé";
    int n = r.nextInt(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** A raw collection or map type read as parameterized with the given arguments. */
  private static final class SimpleParameterized implements ParameterizedType {
    private final Class<?> raw;
    private final Type[] args;

    SimpleParameterized(Class<?> raw, Type[] args) {
      this.raw = raw;
      this.args = args;
    }

    @Override
    public Type[] getActualTypeArguments() {
      return args.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }
  }
}
