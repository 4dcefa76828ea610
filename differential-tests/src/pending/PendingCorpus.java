// Corpus methods whose @Async twin the current processor rejects or miscompiles. Not a source
// root: each entry is the method to put back into AsyncCorpus.java (tools/unpend.py does it) and
// the cases to put back into DifferentialTest.cases(), after a comment with the exact symptom.
// The plain twins stay in PlainCorpus.java.
class PendingCorpus {

  // ---- varAnonymous: rejected by design (COMPILER-NOTES pitfall 10) at 'var counter = new
  //      Object() {...};': [AsyncNonDenotableVar] the var local counter has type <anonymous
  //      java.lang.Object>, which cannot be written as a field, and it lives across an await;
  //      declare it with an explicit type

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

  // ---- varIntersection: rejected by design (COMPILER-NOTES pitfall 10) at 'var x = flag ? 1 :
  //      "s";': [AsyncNonDenotableVar] the var local x has type
  //      java.lang.Object&java.io.Serializable&java.lang.Comparable<...>&java.lang.constant.Constable&java.lang.constant.ConstantDesc,
  //      which cannot be written as a field, and it lives across an await; declare it with an
  //      explicit type

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
}
