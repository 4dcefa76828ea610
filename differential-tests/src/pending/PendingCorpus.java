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
}
