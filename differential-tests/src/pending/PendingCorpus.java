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

  // ---- fieldPlusCall: wrong result at run time, all three AwaitModes: fieldPlusCall(1) expected
  //      <result=String:6/6, trace=[bump, r=6 n=10, bump]> but was <result=String:6/15, same
  //      trace>. The second statement 'n += bumpSlowly();' (a compound assignment to a field whose
  //      right-hand side is a direct call of an @Async method, i.e. an inline await) is emitted as
  //      'r3 = await(AsyncCorpusAsync.bumpSlowly(self)); ... self.n += typed(r3, ...);', so n is
  //      read after bumpSlowly set it to 10 (JLS 15.26.2: the left operand's value is saved before
  //      the right-hand side is evaluated). The first statement 'int r = this.n +
  //      await(effect(this::bump));' is spilled correctly.

  @Async
  String fieldPlusCall(int start) {
    n = start;
    int r = this.n + await(effect(this::bump));
    trace.add("r=" + r + " n=" + n);
    n = start;
    n += bumpSlowly();
    return r + "/" + n;
  }

  // cases (DifferentialTest.cases()):
  static void fieldPlusCallCases(List<Case> cs) {
    for (int start : new int[] {1, 10}) {
      cs.add(
          new Case(
              "fieldPlusCall(" + start + ")",
              p -> p.fieldPlusCall(start),
              a -> AsyncCorpusAsync.fieldPlusCall(a, start)));
    }
  }

  // ---- unboxBeforeRight: wrong side effects at run time, all three AwaitModes:
  //      unboxBeforeRight(null, false) and unboxBeforeRight(null, true) expected
  //      <exception=NullPointerException, trace=[]> but was <exception=NullPointerException,
  //      trace=[side 5]>. For 'int v = boxed + await(effect(() -> side(5)));' with boxed == null
  //      the generated 'r = await(...); v = boxed + typed(r, ...);' unboxes boxed after the await,
  //      so the right operand runs before the NullPointerException; javac unboxes the left operand
  //      (boxed.intValue()) before evaluating the right one (JLS 15.7.1 / 5.6, checked with plain
  //      javac). The array case 'arr[0] + await(...)' with arr == null is spilled correctly (arr[0]
  //      read before the await).

  @Async
  String unboxBeforeRight(Integer boxed, boolean nullArray) {
    int[] arr = nullArray ? null : new int[] {7};
    int v = boxed + await(effect(() -> side(5)));
    int w = arr[0] + await(effect(() -> side(6)));
    return v + "," + w;
  }

  // cases (DifferentialTest.cases()):
  static void unboxBeforeRightCases(List<Case> cs) {
    for (Integer boxed : Arrays.asList(3, null)) {
      for (boolean nullArray : new boolean[] {false, true}) {
        cs.add(
            new Case(
                "unboxBeforeRight(" + boxed + ", " + nullArray + ")",
                p -> p.unboxBeforeRight(boxed, nullArray),
                a -> AsyncCorpusAsync.unboxBeforeRight(a, boxed, nullArray)));
      }
    }
  }

  // ---- Animal.chorus on a Dog (a case only; the methods Animal.chorus, Animal.speak and Dog.speak
  //      stay in AsyncCorpus and pass their other cases): wrong result at run time, all three
  //      AwaitModes: Animal.chorus on a Dog(2) expected <result=String:dog:WOOFWOOF, trace=[dog
  //      speaks, fed 0]> but was <result=String:dog:woofwoof, trace=[spoke 0, spoke 1, fed 2]>; (0)
  //      expected trace [dog speaks, fed 0] but was [fed 0]. Inside the @Async Animal.chorus, the
  //      direct call 'speak(times)' of the @Async method that Dog overrides is an inline await of
  //      AsyncCorpus_AnimalAsync.speak(self), i.e. statically bound, whereas Java dispatches it
  //      virtually to Dog.speak. Needs a design decision (dispatch on the receiver's class to the
  //      overriding companion, or reject overriding @Async methods).

  // cases (DifferentialTest.cases(), inside the loop over times in {0, 2}):
  static void animalChorusOnADogCases(List<Case> cs) {
    for (int times : new int[] {0, 2}) {
      cs.add(
          new Case(
              "Animal.chorus on a Dog(" + times + ")",
              p -> new PlainCorpus.Dog(p.trace).chorus(times),
              a -> AsyncCorpus_AnimalAsync.chorus(new AsyncCorpus.Dog(a.trace), times)));
    }
  }
}
