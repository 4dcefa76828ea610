// Corpus methods whose @Async twin the current processor does not compile or runs
// differently from the plain twin. Not a source root: each entry is the method to put
// back into AsyncCorpus.java and the cases to put back into DifferentialTest.cases(),
// with the exact symptom. The plain twins stay in PlainCorpus.java.
class PendingCorpus {
  // ---- describeObject: compile error in generated code: instanceof pattern bindings (o instanceof String s, o instanceof Integer i) are not declared in the state machine: 'cannot find symbol' at 'r = await(self.io(s));' and 'return "string of " + s.length();'

  @Async
  String describeObject(Object o) {
    if (o instanceof String s && !await(io(s)).isEmpty()) {
      return "string of " + s.length();
    }
    if (o instanceof Integer i) {
      return await(io(i)) > 0 ? "positive" : "non-positive";
    }
    if (o instanceof List<?> l) {
      int total = 0;
      for (Object e : l) {
        String d = describeObject(e);
        trace.add(d);
        total += await(io(d)).length();
      }
      return "list " + total;
    }
    throw new IllegalArgumentException("unsupported: " + await(io(o)));
  }

  // cases (DifferentialTest.cases()):
  static void describeObjectCases(List<Case> cs) {
      for (Object o :
          Arrays.asList("text", "", 5, -5, List.of("ab", 3, List.of(0)), 2.5, List.of("x", ""))) {
        cs.add(
            new Case(
                "describeObject(" + o + ")",
                p -> p.describeObject(o),
                a -> AsyncCorpusAsync.describeObject(a, o)));
      }
  }
  // ---- privateMembers: compile error in generated code: private members are accessed directly: 'secret has private access in AsyncCorpus' (self.secret += ...), 'tag(String) has private access', 'twice(int) has private access', and 'incompatible types: invalid method reference' at 's = self::peek;' (SPEC: private members may be used in @Async bodies)

  @Async
  String privateMembers(int x) {
    secret += await(io(x));
    Supplier<Integer> s = this::peek;
    String r = tag(String.valueOf(twice(await(io(secret)))));
    trace.add(r);
    return r + await(io(s.get()));
  }

  // cases (DifferentialTest.cases()):
  static void privateMembersCases(List<Case> cs) {
      for (int x : new int[] {0, 5}) {
        cs.add(
            new Case(
                "privateMembers(" + x + ")",
                p -> p.privateMembers(x),
                a -> AsyncCorpusAsync.privateMembers(a, x)));
      }
  }
  // ---- localClass: compile error (processor diagnostic) at 'Acc acc = new Acc();': [AsyncLocalClassLocal] the local acc has the local class type Acc, which the generated state machine cannot name, and is declared where an await splits the method; declare Acc as a nested class of the enclosing class. SPEC lists local classes as supported; the processor rejects a local-class-typed local that lives across an await.

  @Async
  int localClass(int base) {
    class Acc {
      int total = base;

      void add(int v) {
        total += v;
        trace.add("acc " + total);
      }
    }
    Acc acc = new Acc();
    for (int i = 1; i <= 3; i++) {
      acc.add(await(io(i)) * base);
    }
    return acc.total;
  }

  // cases (DifferentialTest.cases()):
  static void localClassCases(List<Case> cs) {
      for (int base : new int[] {0, 2, -3}) {
        cs.add(
            new Case(
                "localClass(" + base + ")",
                p -> p.localClass(base),
                a -> AsyncCorpusAsync.localClass(a, base)));
      }
  }
  // ---- pickSource: JDK 17 only: compile error without position: 'error: [AsyncMissingType] the type of the scope at line <line of int b = await(next);>: java.lang.NullPointerException: Cannot invoke "com.sun.tools.javac.code.Type.accept(com.sun.tools.javac.code.Type$Visitor, Object)" because "t" is null in io.asyncio4j.differential.AsyncCorpus could not be determined'. This is JDK-8347989 (Trees.getScope crash after a ?: of generic calls, COMPILER-NOTES section 3); compiles and passes on JDK 25. The processor needs a workaround (e.g. take the types from a getScope at an earlier statement or from attributed trees) rather than failing.

  @Async
  int pickSource(int x) {
    int a = await(x % 2 == 0 ? io(x) : ready(x + 1));
    Awaitable<Integer> next = x > 0 ? soon(a * 2) : ready(-a);
    int b = await(next);
    trace.add("a " + a + " b " + b);
    return a + b;
  }

  // cases (DifferentialTest.cases()):
  static void pickSourceCases(List<Case> cs) {
      for (int x : new int[] {2, 3, -4}) {
        cs.add(
            new Case(
                "pickSource(" + x + ")",
                p -> p.pickSource(x),
                a -> AsyncCorpusAsync.pickSource(a, x)));
      }
  }
  // ---- sumAll: the companion entry point loses varargs: generated 'sumAll(AsyncCorpus, String, int[])' instead of 'sumAll(AsyncCorpus, String, int...)', so 'AsyncCorpusAsync.sumAll(a, "three", 1, 2, 3)' fails to compile: 'method sumAll in class AsyncCorpusAsync cannot be applied to given types; required: AsyncCorpus,String,int[]; found: AsyncCorpus,String,int,int,int'

  @Async
  int sumAll(String label, int... xs) {
    int total = 0;
    for (int x : xs) {
      total += await(io(x));
    }
    trace.add(label + " " + xs.length);
    return total;
  }

  // cases (DifferentialTest.cases()):
  static void sumAllCases(List<Case> cs) {
      cs.add(new Case("sumAll(none)", p -> p.sumAll("none"), a -> AsyncCorpusAsync.sumAll(a, "none")));
      cs.add(
          new Case(
              "sumAll(three)",
              p -> p.sumAll("three", 1, 2, 3),
              a -> AsyncCorpusAsync.sumAll(a, "three", 1, 2, 3)));
  }
}
