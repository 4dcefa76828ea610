// Corpus methods whose @Async twin the current processor does not compile or runs
// differently from the plain twin. Not a source root: each entry is the method to put
// back into AsyncCorpus.java and the cases to put back into DifferentialTest.cases(),
// with the exact symptom. The plain twins stay in PlainCorpus.java.
class PendingCorpus {
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
  // ---- pickSource: JDK 17 only: compile error without a source position: 'error: [AsyncMissingType] the type of the locals in scope at line <the line of int a = await(x % 2 == 0 ? io(x) : ready(x + 1));> (java.lang.NullPointerException: Cannot invoke "com.sun.tools.javac.code.Type.accept(com.sun.tools.javac.code.Type$Visitor, Object)" because "t" is null) in io.asyncio4j.differential.AsyncCorpus could not be determined'. This is JDK-8347989 (Trees.getScope crashes on a not-yet-attributed ?: of generic method calls, COMPILER-NOTES section 3); it compiles on JDK 25. The processor needs a workaround on 17 (e.g. a getScope at another statement, or attributing the ?: operands separately).

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
  // ---- privateFieldAssign: compile error (processor diagnostic) at 'secret += await(io(x));': [AsyncUnsupported] assigning an awaited value to a private field is not supported around an await yet; assign it to a local first, then the local to the field. (Also, in a method split by an await, 'secret += add;' without an await is rejected: [AsyncUnsupported] compound assignment of a private field in an @Async body is not supported around an await yet.) SPEC: private members may be used in @Async bodies.

  @Async
  String privateFieldAssign(int x) {
    secret += await(io(x));
    trace.add("secret " + secret);
    secret = await(io(secret * 2));
    return "secret " + secret;
  }

  // cases (DifferentialTest.cases()):
  static void privateFieldAssignCases(List<Case> cs) {
      for (int x : new int[] {0, 5}) {
        cs.add(
            new Case(
                "privateFieldAssign(" + x + ")",
                p -> p.privateFieldAssign(x),
                a -> AsyncCorpusAsync.privateFieldAssign(a, x)));
      }
  }
  // ---- privateMethodRef: compile error in generated code: 'incompatible types: invalid method reference' at 's = self::peek;' (the private method reference this::peek is copied as self::peek, which the companion cannot access; calls of private methods work)

  @Async
  int privateMethodRef(int x) {
    Supplier<Integer> s = this::peek;
    int v = await(io(x));
    trace.add("v " + v);
    return v + s.get();
  }

  // cases (DifferentialTest.cases()):
  static void privateMethodRefCases(List<Case> cs) {
      for (int x : new int[] {0, 5}) {
        cs.add(
            new Case(
                "privateMethodRef(" + x + ")",
                p -> p.privateMethodRef(x),
                a -> AsyncCorpusAsync.privateMethodRef(a, x)));
      }
  }
  // ---- describeObject: compile error in generated code: instanceof pattern bindings are not declared in the state machine: 'cannot find symbol' at 'r = await(self.io(s));', 'and = !typed(r, ...).isEmpty();', '{ return "string of " + s.length(); }' and 'return (typed(r, ... self.io(i)) ...) > 0) ? ...' (bindings s of 'o instanceof String s' and i of 'o instanceof Integer i'); SPEC lists patterns where Java 17 has them

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
  // ---- privateMembers: compile error in generated code: a lambda that calls a private method is emitted as 's = () -> ((int) METHOD_peek.invoke(self));': 'unreported exception java.lang.Throwable; must be caught or declared to be thrown' (MethodHandle.invoke inside a lambda body needs a try/catch or a non-throwing wrapper). (privateMembersDirect covers the same private accesses outside a lambda.)

  @Async
  String privateMembers(int x) {
    int add = await(io(x));
    secret = secret + add;
    Supplier<Integer> s = () -> peek();
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
  // ---- superCall: rejected by a processor diagnostic at 'int h = super.hashCode();': [AsyncUnsupported] super in an @Async body is not supported around an await yet; call the superclass method from a helper method

  @Async
  String superCall(int x) {
    int h = super.hashCode();
    trace.add("x " + await(io(x)));
    return String.valueOf(h == System.identityHashCode(this));
  }

  // cases (DifferentialTest.cases()):
  static void superCallCases(List<Case> cs) {
      for (int x : new int[] {0, 7}) {
        cs.add(
            new Case(
                "sameNameDifferentTypes(" + x + ")",
                p -> p.sameNameDifferentTypes(x),
                a -> AsyncCorpusAsync.sameNameDifferentTypes(a, x)));
        cs.add(
            new Case(
                "thisReference(" + x + ")",
                p -> p.thisReference(x),
                a -> AsyncCorpusAsync.thisReference(a, x)));
        cs.add(
            new Case(
                "superCall(" + x + ")", p -> p.superCall(x), a -> AsyncCorpusAsync.superCall(a, x)));
      }
  }
  // ---- varAnonymous: rejected by design (COMPILER-NOTES pitfall 10) at 'var counter = new Object() {...};': [AsyncNonDenotableVar] the var local counter has type <anonymous java.lang.Object>, which cannot be written as a field, and it lives across an await; declare it with an explicit type

  @Async
  int varAnonymous(int hits) {
    var counter =
        new Object() {
          int count;

          void hit() {
            count++;
          }
        };
    for (int i = 0; i < hits; i++) {
      await(io(i));
      counter.hit();
      trace.add("hit " + counter.count);
    }
    return counter.count;
  }

  // cases (DifferentialTest.cases()):
  static void varAnonymousCases(List<Case> cs) {
      for (int hits : new int[] {0, 3}) {
        cs.add(
            new Case(
                "varAnonymous(" + hits + ")",
                p -> p.varAnonymous(hits),
                a -> AsyncCorpusAsync.varAnonymous(a, hits)));
      }
  }
  // ---- varIntersection: rejected by design (COMPILER-NOTES pitfall 10) at 'var x = flag ? 1 : "s";': [AsyncNonDenotableVar] the var local x has type java.lang.Object&java.io.Serializable&java.lang.Comparable<...>&java.lang.constant.Constable&java.lang.constant.ConstantDesc, which cannot be written as a field, and it lives across an await; declare it with an explicit type

  @Async
  String varIntersection(boolean flag) {
    var x = flag ? 1 : "s";
    trace.add("x " + await(io(x)));
    return x.toString() + x.hashCode();
  }

  // cases (DifferentialTest.cases()):
  static void varIntersectionCases(List<Case> cs) {
      for (boolean flag : new boolean[] {true, false}) {
        cs.add(
            new Case(
                "varIntersection(" + flag + ")",
                p -> p.varIntersection(flag),
                a -> AsyncCorpusAsync.varIntersection(a, flag)));
      }
  }
  // ---- constantCaseLabels: compile error in generated code: 'constant expression required' at 'case limit: label = 3; continue dispatch;' and 'case limit + 1: ...': the local compile-time constant 'final int limit = 3;' is hoisted to a field, so it is no longer a constant (COMPILER-NOTES pitfall 10: keep compile-time constants as locals)

  @Async
  String constantCaseLabels(int k) {
    final int limit = 3;
    String label = "k" + k;
    switch (await(io(k))) {
      case limit:
        label = await(io("limit"));
        break;
      case limit + 1:
        label = GREETING;
        break;
      default:
        trace.add("other " + await(io(k)));
    }
    return label;
  }

  // cases (DifferentialTest.cases()):
  static void constantCaseLabelsCases(List<Case> cs) {
      for (int k : new int[] {1, 2, 3}) {
        cs.add(
            new Case(
                "switchBlockLocal(" + k + ")",
                p -> p.switchBlockLocal(k),
                a -> AsyncCorpusAsync.switchBlockLocal(a, k)));
        cs.add(
            new Case(
                "constantCaseLabels(" + k + ")",
                p -> p.constantCaseLabels(k),
                a -> AsyncCorpusAsync.constantCaseLabels(a, k)));
        cs.add(
            new Case(
                "constantCaseLabels(" + (k + 1) + ")",
                p -> p.constantCaseLabels(k + 1),
                a -> AsyncCorpusAsync.constantCaseLabels(a, k + 1)));
      }
  }
  // ---- thisReference: compile error in generated code: 'not an enclosing class: AsyncCorpus' at 'AsyncCorpus.this.trace.add("anon " + xCopy);' and 'return self.whoIs(this) + "/" + self.whoIs(AsyncCorpus.this);': a qualified this (AsyncCorpus.this) inside an anonymous class is copied verbatim instead of becoming the receiver (self)

  @Async
  String thisReference(int x) {
    Object me = this;
    String who = whoIs(await(io(this)));
    Supplier<String> anon =
        new Supplier<String>() {
          @Override
          public String get() {
            AsyncCorpus.this.trace.add("anon " + x);
            return whoIs(this) + "/" + whoIs(AsyncCorpus.this);
          }
        };
    Supplier<String> lambda = () -> whoIs(this);
    await(io(x));
    return who + "," + (me == this) + "," + anon.get() + "," + lambda.get();
  }

  // cases (DifferentialTest.cases()):
  static void thisReferenceCases(List<Case> cs) {
  }
}
