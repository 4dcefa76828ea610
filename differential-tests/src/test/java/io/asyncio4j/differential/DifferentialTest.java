package io.asyncio4j.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.asyncio4j.Asyncio;
import io.asyncio4j.Coroutine;
import io.asyncio4j.EventLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@link PlainCorpus} method and its {@code @Async} twin in {@link AsyncCorpus} on the
 * same inputs, in every {@link AwaitMode}, and requires the same result or exception and the same
 * trace of side effects.
 */
class DifferentialTest {

  @FunctionalInterface
  interface PlainCall {
    Object call(PlainCorpus p) throws Throwable;
  }

  @FunctionalInterface
  interface AsyncCall {
    Coroutine<?> call(AsyncCorpus a);
  }

  /** One corpus method applied to one input. */
  record Case(String name, PlainCall plain, AsyncCall async) {}

  @TestFactory
  Stream<DynamicTest> asyncTwinsBehaveLikeTheirPlainOriginals() {
    return cases().stream()
        .flatMap(
            c ->
                Arrays.stream(AwaitMode.values())
                    .map(mode -> dynamicTest(c.name() + " [" + mode + "]", () -> check(c, mode))));
  }

  private static void check(Case c, AwaitMode mode) {
    PlainCorpus plain = new PlainCorpus();
    Outcome expected = Outcome.of(() -> c.plain().call(plain), plain.trace);
    AsyncCorpus async = new AsyncCorpus(mode);
    Outcome actual =
        Outcome.of(
            () -> Asyncio.run(c.async().call(async), EventLoop.withVirtualTime()), async.trace);
    assertEquals(expected, actual, c.name());
  }

  /** Every corpus method with its inputs, including inputs that make it throw. */
  static List<Case> cases() {
    List<Case> cs = new ArrayList<>();

    // ---- loops and labels
    for (List<Integer> xs : List.of(List.of(1, 2, 3, 4), List.<Integer>of(), List.of(5, -1, 7))) {
      for (int limit : new int[] {0, 6, 100}) {
        cs.add(
            new Case(
                "sumUntil(" + xs + ", " + limit + ")",
                p -> p.sumUntil(xs, limit),
                a -> AsyncCorpusAsync.sumUntil(a, xs, limit)));
      }
    }
    for (int limit : new int[] {0, 1, 16}) {
      cs.add(
          new Case(
              "fizzBuzz(" + limit + ")",
              p -> p.fizzBuzz(limit),
              a -> AsyncCorpusAsync.fizzBuzz(a, limit)));
    }
    for (int[][] grid :
        List.of(
            new int[][] {{1, 2}, {3, -4, 5}, {}, {-1}, {6}},
            new int[][] {},
            new int[][] {{0, 0, -1}})) {
      String g = Arrays.deepToString(grid);
      cs.add(
          new Case(
              "cleanRows(" + g + ")",
              p -> p.cleanRows(grid),
              a -> AsyncCorpusAsync.cleanRows(a, grid)));
    }
    for (long start : new long[] {1, 6, 27, 0, -5}) {
      cs.add(
          new Case(
              "collatzSteps(" + start + ")",
              p -> p.collatzSteps(start),
              a -> AsyncCorpusAsync.collatzSteps(a, start)));
    }
    for (List<Integer> items :
        List.of(List.of(3, 0, 4, 0), List.of(2, -7, 9), List.of(5, 6, 7), List.<Integer>of())) {
      cs.add(
          new Case(
              "drain(" + items + ", 10)",
              p -> p.drain(items, 10),
              a -> AsyncCorpusAsync.drain(a, items, 10)));
    }
    for (String s : Arrays.asList("abc1d2", "none here", null, "")) {
      cs.add(
          new Case(
              "firstDigit(" + s + ")",
              p -> p.firstDigit(s),
              a -> AsyncCorpusAsync.firstDigit(a, s)));
    }
    for (int[] args : new int[][] {{10, 3}, {0, 1}, {5, 0}, {7, 7}}) {
      cs.add(
          new Case(
              "stepsToReach(" + args[0] + ", " + args[1] + ")",
              p -> p.stepsToReach(args[0], args[1]),
              a -> AsyncCorpusAsync.stepsToReach(a, args[0], args[1])));
    }
    for (int size : new int[] {0, 1, 3, -1}) {
      cs.add(
          new Case(
              "matrixSquare(" + size + ")",
              p -> p.matrixSquare(size),
              a -> AsyncCorpusAsync.matrixSquare(a, size)));
    }
    int[] sorted = {1, 3, 5, 7, 9, 11};
    for (int key : new int[] {7, 1, 11, 4, 0, 12}) {
      cs.add(
          new Case(
              "binarySearch(" + key + ")",
              p -> p.binarySearch(sorted, key),
              a -> AsyncCorpusAsync.binarySearch(a, sorted, key)));
    }
    for (int[] xs : new int[][] {{5, 1, 4, 2, 8}, {}, {1, 2, 3}, {3, 3, 1}}) {
      cs.add(
          new Case(
              "bubbleSort(" + Arrays.toString(xs) + ")",
              p -> p.bubbleSort(xs),
              a -> AsyncCorpusAsync.bubbleSort(a, xs)));
    }

    // ---- try / catch / finally
    for (List<String> tokens :
        List.of(List.of("1", "x", "22", "", "3"), List.of("4", "-2", "5"), List.<String>of())) {
      cs.add(
          new Case(
              "parseAll(" + tokens + ")",
              p -> p.parseAll(tokens),
              a -> AsyncCorpusAsync.parseAll(a, tokens)));
    }
    for (int k = 0; k <= 3; k++) {
      int kk = k;
      cs.add(
          new Case(
              "nestedFinally(" + k + ")",
              p -> p.nestedFinally(kk),
              a -> AsyncCorpusAsync.nestedFinally(a, kk)));
    }
    for (int stopAt : new int[] {0, 2, 9}) {
      cs.add(
          new Case(
              "breakThroughFinallies(" + stopAt + ")",
              p -> p.breakThroughFinallies(stopAt),
              a -> AsyncCorpusAsync.breakThroughFinallies(a, stopAt)));
    }
    for (List<Integer> xs : List.of(List.of(1, 2, 3, 4, 5), List.of(3, 4, -1, 7), List.of(2))) {
      cs.add(
          new Case(
              "continueThroughFinally(" + xs + ")",
              p -> p.continueThroughFinally(xs),
              a -> AsyncCorpusAsync.continueThroughFinally(a, xs)));
    }
    for (int x : new int[] {2, 5, 6, -9}) {
      cs.add(
          new Case(
              "throwAfterResume(" + x + ")",
              p -> p.throwAfterResume(x),
              a -> AsyncCorpusAsync.throwAfterResume(a, x)));
    }
    for (int code : new int[] {4, 0, -3}) {
      cs.add(
          new Case(
              "catchWrapped(" + code + ")",
              p -> p.catchWrapped(code),
              a -> AsyncCorpusAsync.catchWrapped(a, code)));
    }
    for (int k : new int[] {0, 1, 10, 11}) {
      cs.add(
          new Case(
              "finallyOverridesReturn(" + k + ")",
              p -> p.finallyOverridesReturn(k),
              a -> AsyncCorpusAsync.finallyOverridesReturn(a, k)));
    }
    for (int k = 0; k <= 3; k++) {
      int kk = k;
      cs.add(
          new Case(
              "finallyThrowReplaces(" + k + ")",
              p -> p.finallyThrowReplaces(kk),
              a -> AsyncCorpusAsync.finallyThrowReplaces(a, kk)));
    }
    for (int x : new int[] {5, -3, -11}) {
      cs.add(
          new Case(
              "catchThenThrow(" + x + ")",
              p -> p.catchThenThrow(x),
              a -> AsyncCorpusAsync.catchThenThrow(a, x)));
    }
    for (String s : new String[] {"7", "0", "seven", "-50"}) {
      cs.add(
          new Case(
              "multiCatch(" + s + ")",
              p -> p.multiCatch(s),
              a -> AsyncCorpusAsync.multiCatch(a, s)));
    }
    List<String> letters = List.of("a", "b", "c");
    for (String target : new String[] {"a", "c", "z"}) {
      cs.add(
          new Case(
              "indexOfWithCleanup(" + target + ")",
              p -> p.indexOfWithCleanup(letters, target),
              a -> AsyncCorpusAsync.indexOfWithCleanup(a, letters, target)));
    }
    for (List<Integer> xs : List.of(List.of(1, 2, 4), List.of(3, 5, 6, 7), List.<Integer>of())) {
      cs.add(
          new Case(
              "validateAll(" + xs + ")",
              p -> p.validateAll(xs),
              a -> AsyncCorpusAsync.validateAll(a, xs)));
    }
    for (String name : new String[] {"app.conf", "", "/etc/app.conf"}) {
      cs.add(
          new Case(
              "readConfig(" + name + ")",
              p -> p.readConfig(name),
              a -> AsyncCorpusAsync.readConfig(a, name)));
    }

    // ---- try-with-resources
    for (int flags = 0; flags < 8; flags++) {
      int f = flags;
      cs.add(
          new Case(
              "twoResources(" + flags + ")",
              p -> p.twoResources(f),
              a -> AsyncCorpusAsync.twoResources(a, f)));
      cs.add(
          new Case(
              "existingResource(" + flags + ")",
              p -> p.existingResource(f),
              a -> AsyncCorpusAsync.existingResource(a, f)));
    }
    for (boolean present : new boolean[] {true, false}) {
      cs.add(
          new Case(
              "nullResource(" + present + ")",
              p -> p.nullResource(present),
              a -> AsyncCorpusAsync.nullResource(a, present)));
    }
    for (int failAt : new int[] {-1, 0, 1, 3}) {
      cs.add(
          new Case(
              "resourcesInLoop(" + failAt + ")",
              p -> p.resourcesInLoop(failAt),
              a -> AsyncCorpusAsync.resourcesInLoop(a, failAt)));
    }

    // ---- switch
    for (String s : new String[] {"Hello World", "yay", "", "AEIOU y"}) {
      cs.add(
          new Case(
              "countVowels(" + s + ")",
              p -> p.countVowels(s),
              a -> AsyncCorpusAsync.countVowels(a, s)));
    }
    for (Color c : Color.values()) {
      cs.add(
          new Case(
              "describe(" + c + ")", p -> p.describe(c), a -> AsyncCorpusAsync.describe(a, c)));
      for (int k : new int[] {0, 4, -5}) {
        cs.add(
            new Case(
                "weight(" + c + ", " + k + ")",
                p -> p.weight(c, k),
                a -> AsyncCorpusAsync.weight(a, c, k)));
      }
    }
    for (String cmd : new String[] {"reset", "all", "most", "one", "none"}) {
      cs.add(
          new Case(
              "command(" + cmd + ")", p -> p.command(cmd), a -> AsyncCorpusAsync.command(a, cmd)));
    }
    for (int code : new int[] {100, 200, 204, 302, 404, 500, -200}) {
      cs.add(
          new Case(
              "classify(" + code + ")",
              p -> p.classify(code),
              a -> AsyncCorpusAsync.classify(a, code)));
    }
    for (List<String> ops :
        List.of(
            List.of("inc", "inc", "dbl", "skip", "what", "inc"),
            List.of("inc", "stop", "inc"),
            List.<String>of())) {
      cs.add(
          new Case(
              "runOps(" + ops + ")", p -> p.runOps(ops), a -> AsyncCorpusAsync.runOps(a, ops)));
    }
    for (int day = 0; day <= 7; day++) {
      int d = day;
      cs.add(
          new Case("dayKind(" + day + ")", p -> p.dayKind(d), a -> AsyncCorpusAsync.dayKind(a, d)));
    }
    for (String s : new String[] {" Yes", "n", "FALSE ", "maybe"}) {
      cs.add(
          new Case(
              "parseBool(" + s + ")", p -> p.parseBool(s), a -> AsyncCorpusAsync.parseBool(a, s)));
    }

    // ---- collections and strings
    for (List<String> words :
        List.of(List.of("pear", "fig", "apple", "kiwi", "yam"), List.<String>of())) {
      cs.add(
          new Case(
              "byLength(" + words + ")",
              p -> p.byLength(words),
              a -> AsyncCorpusAsync.byLength(a, words)));
    }
    for (String text : new String[] {"the cat and The dog and THE end", "  ", "one"}) {
      cs.add(
          new Case(
              "wordFreq(" + text + ")",
              p -> p.wordFreq(text),
              a -> AsyncCorpusAsync.wordFreq(a, text)));
    }
    for (String s : new String[] {"to be or not", "single", ""}) {
      cs.add(
          new Case(
              "reverseWords(" + s + ")",
              p -> p.reverseWords(s),
              a -> AsyncCorpusAsync.reverseWords(a, s)));
    }
    for (List<String> parts : List.of(List.of("a", "bb", "ccc"), List.<String>of())) {
      cs.add(
          new Case(
              "joinParts(" + parts + ")",
              p -> p.joinParts(parts),
              a -> AsyncCorpusAsync.joinParts(a, parts)));
    }
    for (List<Integer> xs : List.of(List.of(1, 2, 3, 4, 6, 7), List.of(2, 4), List.<Integer>of())) {
      cs.add(
          new Case(
              "removeEvens(" + xs + ")",
              p -> p.removeEvens(xs),
              a -> AsyncCorpusAsync.removeEvens(a, xs)));
    }
    for (String expr : new String[] {"3 4 + 2 *", "10 2 - 4 /", "1 0 /", "1 +", "1 2", "2 x *"}) {
      cs.add(new Case("rpn(" + expr + ")", p -> p.rpn(expr), a -> AsyncCorpusAsync.rpn(a, expr)));
    }
    for (String s : new String[] {"hello", "", "zebra", "a b"}) {
      cs.add(
          new Case(
              "letterHistogram(" + s + ")",
              p -> p.letterHistogram(s),
              a -> AsyncCorpusAsync.letterHistogram(a, s)));
    }
    for (int count : new int[] {0, 1, 4}) {
      cs.add(
          new Case(
              "varLocals(" + count + ")",
              p -> p.varLocals(count),
              a -> AsyncCorpusAsync.varLocals(a, count)));
    }
    for (double[] xs : new double[][] {{1, 2, 3, 4}, {}, {2.5}}) {
      cs.add(
          new Case(
              "stats(" + Arrays.toString(xs) + ")",
              p -> p.stats(xs),
              a -> AsyncCorpusAsync.stats(a, xs)));
    }

    // ---- operators
    for (int x : new int[] {0, 5, -3}) {
      cs.add(new Case("incDec(" + x + ")", p -> p.incDec(x), a -> AsyncCorpusAsync.incDec(a, x)));
    }
    for (int[] xy : new int[][] {{7, 3}, {-20, 2}, {5, 0}, {1000, -7}}) {
      cs.add(
          new Case(
              "compound(" + xy[0] + ", " + xy[1] + ")",
              p -> p.compound(xy[0], xy[1]),
              a -> AsyncCorpusAsync.compound(a, xy[0], xy[1])));
    }
    for (int[] ab : new int[][] {{1, 1}, {1, -1}, {-2, 0}, {0, 3}, {3, 2}}) {
      cs.add(
          new Case(
              "logic(" + ab[0] + ", " + ab[1] + ")",
              p -> p.logic(ab[0], ab[1]),
              a -> AsyncCorpusAsync.logic(a, ab[0], ab[1])));
    }
    for (int x : new int[] {4, -4, 0}) {
      cs.add(new Case("sign(" + x + ")", p -> p.sign(x), a -> AsyncCorpusAsync.sign(a, x)));
      cs.add(
          new Case(
              "doubleOrFail(" + x + ")",
              p -> p.doubleOrFail(x),
              a -> AsyncCorpusAsync.doubleOrFail(a, x)));
    }

    // ---- evaluation order
    for (int i : new int[] {0, 2, 3, -1}) {
      cs.add(
          new Case(
              "arrayCompound(" + i + ")",
              p -> p.arrayCompound(i),
              a -> AsyncCorpusAsync.arrayCompound(a, i)));
      cs.add(
          new Case(
              "arrayStore(" + i + ")",
              p -> p.arrayStore(i),
              a -> AsyncCorpusAsync.arrayStore(a, i)));
      cs.add(
          new Case(
              "fieldArrayStore(" + i + ")",
              p -> p.fieldArrayStore(i),
              a -> AsyncCorpusAsync.fieldArrayStore(a, i)));
    }
    for (boolean present : new boolean[] {true, false}) {
      cs.add(
          new Case(
              "holderReassign(" + present + ")",
              p -> p.holderReassign(present),
              a -> AsyncCorpusAsync.holderReassign(a, present)));
      cs.add(
          new Case(
              "receiverArgOrder(" + present + ")",
              p -> p.receiverArgOrder(present),
              a -> AsyncCorpusAsync.receiverArgOrder(a, present)));
    }
    for (String c : Arrays.asList(null, "old", "new", "ol", "oldest", "x")) {
      cs.add(
          new Case(
              "shortCircuit(" + c + ")",
              p -> p.shortCircuit(c),
              a -> AsyncCorpusAsync.shortCircuit(a, c)));
    }

    // ---- lambdas, classes, generics
    for (int count : new int[] {0, 3}) {
      cs.add(
          new Case(
              "captureLoop(" + count + ")",
              p -> p.captureLoop(count),
              a -> AsyncCorpusAsync.captureLoop(a, count)));
    }
    for (List<String> names : List.of(List.of("ann", "bo"), List.<String>of())) {
      cs.add(
          new Case(
              "anonymous(" + names + ")",
              p -> p.anonymous(names),
              a -> AsyncCorpusAsync.anonymous(a, names)));
    }
    for (List<String> xs : List.of(List.of("b", "a", "d", "c", "e"), List.<String>of())) {
      cs.add(new Case("maxOf(" + xs + ")", p -> p.maxOf(xs), a -> AsyncCorpusAsync.maxOf(a, xs)));
    }
    List<Integer> ints = List.of(3, 9, 2, 9, 10);
    cs.add(
        new Case("maxOf(" + ints + ")", p -> p.maxOf(ints), a -> AsyncCorpusAsync.maxOf(a, ints)));
    for (List<Integer> bs : List.of(List.of(1, 2), List.of(1), List.of(1, 2, 3))) {
      List<String> as = List.of("x", "y");
      cs.add(
          new Case(
              "zip(" + as + ", " + bs + ")",
              p -> p.zip(as, bs),
              a -> AsyncCorpusAsync.zip(a, as, bs)));
    }
    for (int k : new int[] {0, 1, 5, -2}) {
      cs.add(
          new Case(
              "factorial(" + k + ")", p -> p.factorial(k), a -> AsyncCorpusAsync.factorial(a, k)));
    }
    for (List<String> names : List.of(List.of("ann", "bo"), List.<String>of(), List.of("x", " "))) {
      cs.add(
          new Case(
              "announce(" + names + ")",
              p -> {
                p.announce(names);
                return null;
              },
              a -> AsyncCorpusAsync.announce(a, names)));
    }
    // ---- more evaluation order, conversions, static and nested methods
    for (int x : new int[] {1, 100, -5}) {
      cs.add(
          new Case(
              "returnValueSavedBeforeFinally(" + x + ")",
              p -> p.returnValueSavedBeforeFinally(x),
              a -> AsyncCorpusAsync.returnValueSavedBeforeFinally(a, x)));
      cs.add(
          new Case(
              "localAssignedLater(" + x + ")",
              p -> p.localAssignedLater(x),
              a -> AsyncCorpusAsync.localAssignedLater(a, x)));
      cs.add(
          new Case(
              "nestedValues(" + x + ")",
              p -> p.nestedValues(x),
              a -> AsyncCorpusAsync.nestedValues(a, x)));
      cs.add(
          new Case(
              "fieldCompoundOps(" + x + ")",
              p -> p.fieldCompoundOps(x),
              a -> AsyncCorpusAsync.fieldCompoundOps(a, x)));
      cs.add(
          new Case("viaTask(" + x + ")", p -> p.viaTask(x), a -> AsyncCorpusAsync.viaTask(a, x)));
    }
    for (int size : new int[] {0, 1, 5}) {
      cs.add(
          new Case(
              "twoIndexLoop(" + size + ")",
              p -> p.twoIndexLoop(size),
              a -> AsyncCorpusAsync.twoIndexLoop(a, size)));
      cs.add(
          new Case(
              "doWhileContinue(" + size + ")",
              p -> p.doWhileContinue(size),
              a -> AsyncCorpusAsync.doWhileContinue(a, size)));
    }
    for (int k : new int[] {1, 3, 9}) {
      cs.add(
          new Case(
              "breakInFinally(" + k + ")",
              p -> p.breakInFinally(k),
              a -> AsyncCorpusAsync.breakInFinally(a, k)));
    }
    for (String s : new String[] {"a", "b", "c"}) {
      cs.add(
          new Case(
              "switchInTry(" + s + ")",
              p -> p.switchInTry(s),
              a -> AsyncCorpusAsync.switchInTry(a, s)));
    }
    for (int failAt : new int[] {-1, 0, 1}) {
      cs.add(
          new Case(
              "resourceInitFails(" + failAt + ")",
              p -> p.resourceInitFails(failAt),
              a -> AsyncCorpusAsync.resourceInitFails(a, failAt)));
    }
    for (int k : new int[] {0, -7, 3}) {
      cs.add(
          new Case(
              "widenReturn(" + k + ")",
              p -> p.widenReturn(k),
              a -> AsyncCorpusAsync.widenReturn(a, k)));
      cs.add(
          new Case(
              "boxedReturn(" + k + ")",
              p -> p.boxedReturn(k),
              a -> AsyncCorpusAsync.boxedReturn(a, k)));
      cs.add(
          new Case(
              "throwComputed(" + k + ")",
              p -> p.throwComputed(k),
              a -> AsyncCorpusAsync.throwComputed(a, k)));
      cs.add(
          new Case(
              "suppressAndRethrow(" + (k + 7) + ")",
              p -> p.suppressAndRethrow(k + 7),
              a -> AsyncCorpusAsync.suppressAndRethrow(a, k + 7)));
    }
    for (int k : new int[] {1, 2, 5}) {
      cs.add(
          new Case(
              "yieldWidening(" + k + ")",
              p -> p.yieldWidening(k),
              a -> AsyncCorpusAsync.yieldWidening(a, k)));
    }
    for (List<Integer> xs : List.of(List.<Integer>of(), List.of(1, 2), List.of(5))) {
      cs.add(
          new Case(
              "average(" + xs + ")", p -> p.average(xs), a -> AsyncCorpusAsync.average(a, xs)));
    }
    for (int[] args : new int[][] {{5, 0, 10}, {-3, 0, 10}, {12, 0, 10}, {1, 5, 2}}) {
      cs.add(
          new Case(
              "clamp(" + Arrays.toString(args) + ")",
              p -> p.clamp(args[0], args[1], args[2]),
              a -> AsyncCorpusAsync.clamp(a, args[0], args[1], args[2])));
    }
    for (List<String> xs :
        List.of(List.of("a", "b", "c"), List.of("a", "", "c"), List.<String>of())) {
      cs.add(
          new Case(
              "staticJoin(" + xs + ")",
              p -> PlainCorpus.staticJoin(p.trace, xs),
              a -> AsyncCorpusAsync.staticJoin(a.trace, xs)));
    }
    for (String prefix : new String[] {"b", "c", "z"}) {
      List<String> items = List.of("apple", "banana", "blueberry", "cherry");
      cs.add(
          new Case(
              "Shelf.takeFirstMatching(" + prefix + ")",
              p ->
                  new PlainCorpus.Shelf<>(p.trace, items)
                      .takeFirstMatching(x -> x.startsWith(prefix)),
              a ->
                  AsyncCorpus_ShelfAsync.takeFirstMatching(
                      new AsyncCorpus.Shelf<>(a.trace, items), x -> x.startsWith(prefix))));
    }
    // ---- stress and odds and ends
    for (int code : new int[] {4, -3}) {
      cs.add(
          new Case(
              "viaCompletionStage(" + code + ")",
              p -> p.viaCompletionStage(code),
              a -> AsyncCorpusAsync.viaCompletionStage(a, code)));
    }
    for (int depth : new int[] {0, 3, 1000}) {
      cs.add(
          new Case(
              "depthSum(" + depth + ")",
              p -> p.depthSum(depth),
              a -> AsyncCorpusAsync.depthSum(a, depth)));
    }
    for (int count : new int[] {0, 20_000}) {
      cs.add(
          new Case(
              "manyIterations(" + count + ")",
              p -> p.manyIterations(count),
              a -> AsyncCorpusAsync.manyIterations(a, count)));
    }
    for (String s : new String[] {"Aa", "BB", "AaAa", "BBBB", "Ab"}) {
      cs.add(
          new Case(
              "hashCollide(" + s + ")",
              p -> p.hashCollide(s),
              a -> AsyncCorpusAsync.hashCollide(a, s)));
    }
    for (int failures : new int[] {0, 2, 5}) {
      cs.add(
          new Case(
              "retry(" + failures + ")",
              p -> p.retry(failures),
              a -> AsyncCorpusAsync.retry(a, failures)));
    }
    for (int victim : new int[] {9, 2, 3}) {
      List<Integer> xs = List.of(1, 2, 3);
      cs.add(
          new Case(
              "removeWhileIterating(" + victim + ")",
              p -> p.removeWhileIterating(xs, victim),
              a -> AsyncCorpusAsync.removeWhileIterating(a, xs, victim)));
    }
    for (int count : new int[] {0, 3}) {
      cs.add(
          new Case(
              "curried(" + count + ")",
              p -> p.curried("p", count),
              a -> AsyncCorpusAsync.curried(a, "p", count)));
    }
    for (List<Integer> xs : List.of(List.of(1, 2, 3), List.of(4, -1, 5), List.<Integer>of())) {
      cs.add(
          new Case(
              "forEachThrows(" + xs + ")",
              p -> p.forEachThrows(xs),
              a -> AsyncCorpusAsync.forEachThrows(a, xs)));
      cs.add(
          new Case(
              "inlineThrowBeforeSuspend(" + xs + ")",
              p -> p.inlineThrowBeforeSuspend(xs),
              a -> AsyncCorpusAsync.inlineThrowBeforeSuspend(a, xs)));
    }
    cs.add(
        new Case("sumAll(none)", p -> p.sumAll("none"), a -> AsyncCorpusAsync.sumAll(a, "none")));
    cs.add(
        new Case(
            "sumAll(three)",
            p -> p.sumAll("three", 1, 2, 3),
            a -> AsyncCorpusAsync.sumAll(a, "three", 1, 2, 3)));
    for (int x : new int[] {0, 5}) {
      cs.add(
          new Case(
              "privateMembersDirect(" + x + ")",
              p -> p.privateMembersDirect(x),
              a -> AsyncCorpusAsync.privateMembersDirect(a, x)));
    }
    // ---- scoping and identity
    for (int v : new int[] {5, 1000}) {
      cs.add(
          new Case(
              "boxedIdentity(" + v + ")",
              p -> p.boxedIdentity(v),
              a -> AsyncCorpusAsync.boxedIdentity(a, v)));
    }
    for (int k = 0; k <= 3; k++) {
      int kk = k;
      cs.add(
          new Case(
              "catchInsideFinally(" + k + ")",
              p -> p.catchInsideFinally(kk),
              a -> AsyncCorpusAsync.catchInsideFinally(a, kk)));
    }
    for (int k : new int[] {0, 4, -1}) {
      cs.add(
          new Case(
              "iterableFromCall(" + k + ")",
              p -> p.iterableFromCall(k),
              a -> AsyncCorpusAsync.iterableFromCall(a, k)));
    }
    // ---- names, types and nesting
    for (int[] args : new int[][] {{3, -1}, {3, 0}, {4, 2}, {0, 0}}) {
      cs.add(
          new Case(
              "nestedFinallyChain(" + args[0] + ", " + args[1] + ")",
              p -> p.nestedFinallyChain(args[0], args[1]),
              a -> AsyncCorpusAsync.nestedFinallyChain(a, args[0], args[1])));
    }
    for (int[] args : new int[][] {{1, 1}, {1, 2}, {1, 7}, {2, 0}, {3, 5}, {3, -5}}) {
      cs.add(
          new Case(
              "nestedSwitchExpr(" + args[0] + ", " + args[1] + ")",
              p -> p.nestedSwitchExpr(args[0], args[1]),
              a -> AsyncCorpusAsync.nestedSwitchExpr(a, args[0], args[1])));
    }
    for (int x : new int[] {0, 7, -3, 200}) {
      cs.add(
          new Case(
              "mixedTypes(" + x + ")",
              p -> p.mixedTypes(x),
              a -> AsyncCorpusAsync.mixedTypes(a, x)));
      cs.add(
          new Case(
              "paramReassign(" + x + ")",
              p -> p.paramReassign(x, "s"),
              a -> AsyncCorpusAsync.paramReassign(a, x, "s")));
      cs.add(
          new Case(
              "nameClashes(" + x + ")",
              p -> p.nameClashes(x, "me"),
              a -> AsyncCorpusAsync.nameClashes(a, x, "me")));
    }
    for (int rows : new int[] {1, 2, 5}) {
      cs.add(
          new Case(
              "labelledDoWhile(" + rows + ")",
              p -> p.labelledDoWhile(rows),
              a -> AsyncCorpusAsync.labelledDoWhile(a, rows)));
    }
    for (List<? extends Number> xs : List.of(List.of(1, 2.5, 3L), List.<Integer>of())) {
      cs.add(
          new Case(
              "wildcards(" + xs + ")",
              p -> p.wildcards(xs),
              a -> AsyncCorpusAsync.wildcards(a, xs)));
    }
    for (int base : new int[] {0, 2, -3}) {
      cs.add(
          new Case(
              "localClass(" + base + ")",
              p -> p.localClass(base),
              a -> AsyncCorpusAsync.localClass(a, base)));
    }
    for (int x : new int[] {2, 3, -4}) {
      cs.add(
          new Case(
              "pickSource(" + x + ")",
              p -> p.pickSource(x),
              a -> AsyncCorpusAsync.pickSource(a, x)));
    }
    for (int x : new int[] {0, 5}) {
      cs.add(
          new Case(
              "privateFieldAssign(" + x + ")",
              p -> p.privateFieldAssign(x),
              a -> AsyncCorpusAsync.privateFieldAssign(a, x)));
    }
    for (int x : new int[] {0, 5}) {
      cs.add(
          new Case(
              "privateMethodRef(" + x + ")",
              p -> p.privateMethodRef(x),
              a -> AsyncCorpusAsync.privateMethodRef(a, x)));
    }
    for (Object o :
        Arrays.asList("text", "", 5, -5, List.of("ab", 3, List.of(0)), 2.5, List.of("x", ""))) {
      cs.add(
          new Case(
              "describeObject(" + o + ")",
              p -> p.describeObject(o),
              a -> AsyncCorpusAsync.describeObject(a, o)));
    }
    for (int x : new int[] {0, 5}) {
      cs.add(
          new Case(
              "privateMembers(" + x + ")",
              p -> p.privateMembers(x),
              a -> AsyncCorpusAsync.privateMembers(a, x)));
    }
    for (int x : new int[] {0, 7}) {
      cs.add(
          new Case(
              "sameNameDifferentTypes(" + x + ")",
              p -> p.sameNameDifferentTypes(x),
              a -> AsyncCorpusAsync.sameNameDifferentTypes(a, x)));
    }
    for (int k : new int[] {1, 2, 3}) {
      cs.add(
          new Case(
              "switchBlockLocal(" + k + ")",
              p -> p.switchBlockLocal(k),
              a -> AsyncCorpusAsync.switchBlockLocal(a, k)));
    }

    // ---- failures of the language
    for (String s : Arrays.asList("x", "y", null)) {
      for (Color c : Arrays.asList(Color.RED, Color.BLUE, null)) {
        cs.add(
            new Case(
                "nullSwitch(" + s + ", " + c + ")",
                p -> p.nullSwitch(s, c),
                a -> AsyncCorpusAsync.nullSwitch(a, s, c)));
      }
    }
    for (int[] ab : new int[][] {{2, 3}, {Integer.MAX_VALUE, 1}, {100_000, 100_000}}) {
      cs.add(
          new Case(
              "overflow(" + ab[0] + ", " + ab[1] + ")",
              p -> p.overflow(ab[0], ab[1]),
              a -> AsyncCorpusAsync.overflow(a, ab[0], ab[1])));
    }

    // ---- nested classes, inheritance, inner classes, records
    for (int times : new int[] {0, 2}) {
      cs.add(
          new Case(
              "Animal.chorus(" + times + ")",
              p -> new PlainCorpus.Animal(p.trace).chorus(times),
              a -> AsyncCorpus_AnimalAsync.chorus(new AsyncCorpus.Animal(a.trace), times)));
      cs.add(
          new Case(
              "Dog.speak(" + times + ")",
              p -> new PlainCorpus.Dog(p.trace).speak(times),
              a -> AsyncCorpus_DogAsync.speak(new AsyncCorpus.Dog(a.trace), times)));
      // Animal.chorus calls speak(times), which Dog overrides: dispatch is virtual, as in Java.
      cs.add(
          new Case(
              "Animal.chorus on a Dog(" + times + ")",
              p -> new PlainCorpus.Dog(p.trace).chorus(times),
              a -> AsyncCorpus_AnimalAsync.chorus(new AsyncCorpus.Dog(a.trace), times)));
    }
    for (int start : new int[] {0, 1, 5}) {
      cs.add(
          new Case(
              "switchSelectorOnce(" + start + ")",
              p -> p.switchSelectorOnce(start),
              a -> AsyncCorpusAsync.switchSelectorOnce(a, start)));
    }
    for (int x : new int[] {5, 0, -5}) {
      cs.add(
          new Case(
              "assertions(" + x + ")",
              p -> p.assertions(x),
              a -> AsyncCorpusAsync.assertions(a, x)));
    }
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
    for (int x : new int[] {0, 7}) {
      cs.add(
          new Case(
              "thisReference(" + x + ")",
              p -> p.thisReference(x),
              a -> AsyncCorpusAsync.thisReference(a, x)));
    }
    for (int x : new int[] {0, 7}) {
      cs.add(
          new Case(
              "superCall(" + x + ")", p -> p.superCall(x), a -> AsyncCorpusAsync.superCall(a, x)));
    }
    for (int times : new int[] {0, 2}) {
      cs.add(
          new Case(
              "Tally.add(" + times + ")",
              p -> p.new Tally().add(times),
              a -> AsyncCorpus_TallyAsync.add(a.new Tally(), times)));
    }
    for (int[] xy : new int[][] {{0, 0}, {3, -4}}) {
      cs.add(
          new Case(
              "Point.manhattan(" + Arrays.toString(xy) + ")",
              p ->
                  new PlainCorpus.Point(1, 2)
                      .manhattan(new PlainCorpus.Point(xy[0], xy[1]), p.trace),
              a ->
                  AsyncCorpus_PointAsync.manhattan(
                      new AsyncCorpus.Point(1, 2), new AsyncCorpus.Point(xy[0], xy[1]), a.trace)));
    }
    // ---- source-level oddities
    for (Object o : Arrays.asList("abc", 42, null)) {
      cs.add(
          new Case(
              "patternFlowScope(" + o + ")",
              p -> p.patternFlowScope(o),
              a -> AsyncCorpusAsync.patternFlowScope(a, o)));
    }
    for (String name : new String[] {"world", "%d"}) {
      cs.add(
          new Case(
              "textBlock(" + name + ")",
              p -> p.textBlock(name),
              a -> AsyncCorpusAsync.textBlock(a, name)));
    }
    for (int[] ab : new int[][] {{1, 2}, {-5, 5}}) {
      cs.add(
          new Case(
              "commentsInExpressions(" + ab[0] + ", " + ab[1] + ")",
              p -> p.commentsInExpressions(ab[0], ab[1]),
              a -> AsyncCorpusAsync.commentsInExpressions(a, ab[0], ab[1])));
    }
    for (int start : new int[] {0, 9}) {
      cs.add(
          new Case(
              "anonShadowing(" + start + ")",
              p -> p.anonShadowing(start),
              a -> AsyncCorpusAsync.anonShadowing(a, start)));
    }
    for (Object o : Arrays.asList("abc", 42, null)) {
      cs.add(
          new Case(
              "patternOnAwait(" + o + ")",
              p -> p.patternOnAwait(o),
              a -> AsyncCorpusAsync.patternOnAwait(a, o)));
    }
    for (int start : new int[] {1, 10}) {
      cs.add(
          new Case(
              "fieldPlusCall(" + start + ")",
              p -> p.fieldPlusCall(start),
              a -> AsyncCorpusAsync.fieldPlusCall(a, start)));
    }
    for (Integer boxed : Arrays.asList(3, null)) {
      for (boolean nullArray : new boolean[] {false, true}) {
        cs.add(
            new Case(
                "unboxBeforeRight(" + boxed + ", " + nullArray + ")",
                p -> p.unboxBeforeRight(boxed, nullArray),
                a -> AsyncCorpusAsync.unboxBeforeRight(a, boxed, nullArray)));
      }
    }
    // ---- a returned ?: with awaits: each arm returns by itself
    for (boolean c : new boolean[] {true, false}) {
      cs.add(new Case("returnPromoted(" + c + ")", p -> p.returnPromoted(c),
          a -> AsyncCorpusAsync.returnPromoted(a, c)));
      cs.add(new Case("returnObjectPromoted(" + c + ")", p -> p.returnObjectPromoted(c),
          a -> AsyncCorpusAsync.returnObjectPromoted(a, c)));
      cs.add(new Case("assignPromoted(" + c + ")", p -> p.assignPromoted(c),
          a -> AsyncCorpusAsync.assignPromoted(a, c)));
      cs.add(new Case("returnObjectNumeric(" + c + ")", p -> p.returnObjectNumeric(c),
          a -> AsyncCorpusAsync.returnObjectNumeric(a, c)));
      cs.add(new Case("returnLongFromInt(" + c + ")", p -> p.returnLongFromInt(c),
          a -> AsyncCorpusAsync.returnLongFromInt(a, c)));
      cs.add(new Case("returnBoxedNull(" + c + ")", p -> p.returnBoxedNull(c),
          a -> AsyncCorpusAsync.returnBoxedNull(a, c)));
      cs.add(new Case("returnConditionalInTry(" + c + ")", p -> p.returnConditionalInTry(c),
          a -> AsyncCorpusAsync.returnConditionalInTry(a, c)));
      cs.add(new Case("returnArmWithLambda(" + c + ")", p -> p.returnArmWithLambda(c, 7),
          a -> AsyncCorpusAsync.returnArmWithLambda(a, c, 7)));
    }
    for (int x : new int[] {-2, 0, 3}) {
      cs.add(new Case("returnNestedConditional(" + x + ")", p -> p.returnNestedConditional(x),
          a -> AsyncCorpusAsync.returnNestedConditional(a, x)));
    }
    // ---- spills of direct @Async calls whose type the reader knows: typed fields
    for (int[] ab : new int[][] {{3, 4}, {5, 5}, {-1, 2}}) {
      cs.add(new Case("typedSpills(" + ab[0] + ", " + ab[1] + ")", p -> p.typedSpills(ab[0], ab[1]),
          a -> AsyncCorpusAsync.typedSpills(a, ab[0], ab[1])));
    }
    for (int k : new int[] {0, 3, 7}) {
      cs.add(new Case("compoundOnLocals(" + k + ")", p -> p.compoundOnLocals(k),
          a -> AsyncCorpusAsync.compoundOnLocals(a, k)));
    }
    for (boolean c : new boolean[] {true, false}) {
      cs.add(new Case("conditionalArguments(" + c + ")", p -> p.conditionalArguments(c),
          a -> AsyncCorpusAsync.conditionalArguments(a, c)));
    }
    for (int k : new int[] {0, 4}) {
      cs.add(new Case("staticAndInstanceOverloads(" + k + ")",
          p -> p.staticAndInstanceOverloads(k),
          a -> AsyncCorpusAsync.staticAndInstanceOverloads(a, k)));
    }
    // ---- lowering: ?: / switch typing in every context, boxed ==, self-changing compound
    for (boolean c : new boolean[] {true, false}) {
      for (int k : new int[] {0, 1, 2}) {
        cs.add(new Case("conditionalContexts(" + c + ", " + k + ")",
            p -> p.conditionalContexts(c, k), a -> AsyncCorpusAsync.conditionalContexts(a, c, k)));
      }
      cs.add(new Case("conditionalReturned(" + c + ")", p -> p.conditionalReturned(c),
          a -> AsyncCorpusAsync.conditionalReturned(a, c)));
    }
    for (int k : new int[] {0, 1, 5}) {
      cs.add(new Case("switchReturned(" + k + ")", p -> p.switchReturned(k),
          a -> AsyncCorpusAsync.switchReturned(a, k)));
      cs.add(new Case("boxedEquality(" + k + ")", p -> p.boxedEquality(k),
          a -> AsyncCorpusAsync.boxedEquality(a, k)));
      cs.add(new Case("compoundSelfChanging(" + k + ")", p -> p.compoundSelfChanging(k),
          a -> AsyncCorpusAsync.compoundSelfChanging(a, k)));
    }
    for (int[] xs : new int[][] {{3, -1, 4}, {1, 2}, {}}) {
      cs.add(new Case("loopHeadersAndDeclarators(" + Arrays.toString(xs) + ")",
          p -> p.loopHeadersAndDeclarators(xs, 7),
          a -> AsyncCorpusAsync.loopHeadersAndDeclarators(a, xs, 7)));
    }
    for (int min : new int[] {0, 18, 100}) {
      List<Integer> xs = List.of(17, 18, 40, 3);
      cs.add(new Case("lambdaInReturn(" + min + ")", p -> p.lambdaInReturn(xs, min),
          a -> AsyncCorpusAsync.lambdaInReturn(a, xs, min)));
    }
    for (int k : new int[] {0, 1, 5}) {
      cs.add(new Case("scopesAndSwitches(" + k + ")", p -> p.scopesAndSwitches(k),
          a -> AsyncCorpusAsync.scopesAndSwitches(a, k)));
    }
    return cs;
  }
}
