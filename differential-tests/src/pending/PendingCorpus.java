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

  // ---- constantCaseLabels: compile error in generated code: 'constant expression required' at
  //      'case limit: label = 3; continue dispatch;' and 'case limit + 1: label = 4; continue
  //      dispatch;': the local compile-time constant 'final int limit = 3;' is hoisted to a field,
  //      so it is no longer a constant (COMPILER-NOTES pitfall 10: keep compile-time constants as
  //      locals)

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

  // ---- thisReference: compile error in generated code: 'not an enclosing class: AsyncCorpus' at
  //      'AsyncCorpus.this.trace.add("anon " + xCopy);' and 'return self.whoIs(this) + "/" +
  //      self.whoIs(AsyncCorpus.this);': a qualified this (AsyncCorpus.this) inside an anonymous
  //      class is copied verbatim instead of becoming the receiver (self)

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
    for (int x : new int[] {0, 7}) {
      cs.add(
          new Case(
              "thisReference(" + x + ")",
              p -> p.thisReference(x),
              a -> AsyncCorpusAsync.thisReference(a, x)));
    }
  }

  // ---- Tally.add (inner class AsyncCorpus.Tally): rejected by a processor diagnostic at 'n += k;'
  //      and 'trace.add("tally " + count + " n " + n);': [AsyncUnsupported] the outer-instance
  //      member n used in an @Async body is not supported around an await yet; read it into a local
  //      of the outer class first (and the same for trace). The whole inner class goes back into
  //      AsyncCorpus.

  /** An inner class whose coroutine uses the enclosing instance's fields. */
  final class Tally {
    int count;

    @Async
    String add(int k) {
      count += await(sleep(Duration.ofMillis(1), k));
      n += k;
      trace.add("tally " + count + " n " + n);
      return count + "/" + n;
    }
  }

  // cases (DifferentialTest.cases()):
  static void tallyAddCases(List<Case> cs) {
    for (int times : new int[] {0, 2}) {
      cs.add(
          new Case(
              "Tally.add(" + times + ")",
              p -> p.new Tally().add(times),
              a -> AsyncCorpus_TallyAsync.add(a.new Tally(), times)));
    }
  }

  // ---- Point.manhattan (record AsyncCorpus.Point): compile error in generated code
  //      AsyncCorpus_PointAsync.java: 'y has private access in
  //      io.asyncio4j.differential.AsyncCorpus.Point' at the translation of 'int dy = Math.abs(y -
  //      other.y);': the private record field y of another instance (other.y) is accessed directly;
  //      private members are only rewritten when reached through this. The whole record goes back
  //      into AsyncCorpus.

  /** A record whose coroutine reads its own and another record's components. */
  record Point(int x, int y) {
    @Async
    int manhattan(Point other, Trace t) {
      int dx = Math.abs(x - await(sleep(Duration.ofMillis(1), other.x())));
      int dy = Math.abs(y - other.y);
      t.add("dx " + dx + " dy " + dy);
      return dx + dy;
    }
  }

  // cases (DifferentialTest.cases()):
  static void pointManhattanCases(List<Case> cs) {
    for (int[] xy : new int[][] {{0, 0}, {3, -4}}) {
      cs.add(
          new Case(
              "Point.manhattan(" + Arrays.toString(xy) + ")",
              p -> new PlainCorpus.Point(1, 2).manhattan(new PlainCorpus.Point(xy[0], xy[1]), p.trace),
              a ->
                  AsyncCorpus_PointAsync.manhattan(
                      new AsyncCorpus.Point(1, 2), new AsyncCorpus.Point(xy[0], xy[1]), a.trace)));
    }
  }

  // ---- superCall: rejected by a processor diagnostic at 'int h = super.hashCode();':
  //      [AsyncUnsupported] super in an @Async body is not supported around an await yet; call the
  //      superclass method from a helper method

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
              "superCall(" + x + ")", p -> p.superCall(x), a -> AsyncCorpusAsync.superCall(a, x)));
    }
  }
}
