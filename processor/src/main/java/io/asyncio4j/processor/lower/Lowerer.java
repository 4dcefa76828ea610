package io.asyncio4j.processor.lower;

import io.asyncio4j.processor.model.AsyncMethod;
import io.asyncio4j.processor.model.Code;
import io.asyncio4j.processor.model.Code.JumpKind;
import io.asyncio4j.processor.model.Expr;
import io.asyncio4j.processor.model.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers a method body into the cases of one {@code switch (label)} (regenerator's emitter):
 * statements with an await are exploded into marks and jumps, everything else stays in source
 * form. Awaits are spilled first (Roslyn's spiller): every operand left of an await is evaluated
 * into a field before it, so the JLS evaluation order holds across the suspension.
 *
 * <p>Jumps are {@code label = N; continue dispatch;}. {@code try} statements with an await become
 * regions: {@code region} names the innermost active one, and {@code handle(ex)} dispatches an
 * exception to its catch or finally. A finally records why it was entered (normal, throw, return
 * or a jump) in its own fields and re-dispatches that completion from its end, so exits through
 * several finally blocks run all of them (COMPILER-NOTES pitfall 7).
 *
 * <p>Invariants: {@code region} equals the static region of the code being executed, because
 * every jump that changes region writes it; a suspension leaves {@code label} at its resume
 * point and writes nothing after registering.
 */
public final class Lowerer {
  private static final int THROW = 1;
  private static final int RETURN = 2;

  private final AsyncMethod method;
  private final Set<String> taken;
  private final List<Lowered.Line> lines = new ArrayList<>();
  private final Map<String, String> fields = new LinkedHashMap<>();
  private final List<Lowered.Handler> handlers = new ArrayList<>();
  private final Map<Integer, Integer> resumeLines = new LinkedHashMap<>();
  private final List<Frame> frames = new ArrayList<>();
  private int nextLabel = 1;
  private int nextRegion = 1;
  private int region;
  private boolean dead;
  /** The user's source line of what is being lowered (0 before the first known one). */
  private int line;
  private boolean awaits;

  private Lowerer(AsyncMethod method) {
    this.method = method;
    this.taken = new HashSet<>(method.takenNames());
  }

  /** Lowers {@code method}'s body. */
  public static Lowered lower(AsyncMethod method) {
    Lowerer l = new Lowerer(method);
    l.lines.add(new Lowered.Mark(0, null));
    l.stmt(method.body());
    if (!l.dead) {
      l.emit("return null;");
    }
    List<String> prologue = new ArrayList<>();
    for (Code c : method.localTypes()) {
      prologue.add(l.code(c));
    }
    return new Lowered(
        prologue,
        DeadFields.clear(l.lines, l.clearable(prologue), method.stepNames().value()),
        l.fields, l.handlers, l.resumeLines, l.awaits);
  }

  /**
   * The reference-typed hoisted locals and parameters {@link DeadFields} may clear: not the ones
   * the exception dispatch or the prologue mention (those texts are not among the cases).
   */
  private List<String> clearable(List<String> prologue) {
    List<String> names = new ArrayList<>();
    for (AsyncMethod.Param p : method.parameters()) {
      if (!p.type().isPrimitive()) {
        names.add(p.fieldName());
      }
    }
    for (io.asyncio4j.processor.model.LocalVar v : method.locals()) {
      if (!PRIMITIVES.contains(v.typeText())) {
        names.add(v.fieldName());
      }
    }
    StringBuilder elsewhere = new StringBuilder(String.join("\n", prologue));
    for (Lowered.Handler h : handlers) {
      h.body().forEach(b -> elsewhere.append('\n').append(b));
    }
    names.removeIf(
        f -> java.util.regex.Pattern.compile("(?<![\\w$])" + java.util.regex.Pattern.quote(f) + "(?![\\w$])")
            .matcher(elsewhere)
            .find());
    return names;
  }

  private static final Set<String> PRIMITIVES =
      Set.of("boolean", "byte", "short", "char", "int", "long", "float", "double");

  // ------------------------------------------------------------------ frames

  private sealed interface Frame permits Loop, Breakable, SwitchValue, TryFrame {}

  private record Loop(int id, int breakLabel, int continueLabel, int region) implements Frame {}

  private record Breakable(int id, int breakLabel, int region) implements Frame {}

  /**
   * A switch expression being lowered: each {@code yield} stores its value as is in {@code
   * result} and its number in {@code which}; {@code reads} collects, per yield, the expression
   * that reads the value back with the yielded expression's own type (see {@link #readBack}). In
   * an assignment {@code variable = switch …}, {@code target} is the variable, and each yield
   * assigns it directly instead (then the other fields are null).
   */
  private record SwitchValue(
      int id, int endLabel, String result, String which, List<String> reads, int region,
      String target)
      implements Frame {}

  private static final class Finally {
    final int label;
    final String kind;
    final String value;
    final List<int[]> pending = new ArrayList<>();
    final List<String> pendingWhat = new ArrayList<>();

    Finally(int label, String kind, String value) {
      this.label = label;
      this.kind = kind;
      this.value = value;
    }
  }

  private record TryFrame(int parentRegion, Finally fin) implements Frame {}

  // ------------------------------------------------------------------ emission

  private void emit(String text) {
    if (!dead) {
      lines.add(new Lowered.Statement(text, line));
    }
  }

  /** What is emitted next comes from source line {@code sourceLine} (when known). */
  private void at(int sourceLine) {
    if (sourceLine > 0) {
      line = sourceLine;
    }
  }

  private void mark(int label) {
    lines.add(new Lowered.Mark(label, null));
    dead = false;
  }

  private int newLabel() {
    return nextLabel++;
  }

  private String newTemp(String base, String type) {
    String n = freshLocal(base);
    fields.put(n, type);
    return n;
  }

  private String gotoText(int label) {
    return "label = " + label + "; continue " + method.stepNames().dispatch() + ";";
  }

  private void jumpTo(int label) {
    emit(gotoText(label));
    dead = true;
  }

  private String setRegion(int to) {
    return region == to ? "" : "region = " + to + "; ";
  }

  /**
   * The statements that perform a jump ({@code kind} to {@code targetId}) or return from the
   * current position, routed through every finally in between.
   *
   * @param value the returned or yielded value's text, or null ({@code return;} or a value
   *     already stored in {@code result})
   */
  private String jumpText(JumpKind kind, int targetId, String value) {
    return jumpText(kind, targetId, value, null);
  }

  /** {@link #jumpText(JumpKind, int, String)}; {@code witness} is a yielded value's witness. */
  private String jumpText(JumpKind kind, int targetId, String value, String witness) {
    StringBuilder sb = new StringBuilder();
    if (kind == JumpKind.YIELD) {
      for (int i = frames.size() - 1; i >= 0; i--) {
        if (frames.get(i) instanceof SwitchValue sv && sv.id() == targetId && sv.target() != null) {
          // The source's assignment context, so each value converts to the variable's type.
          sb.append(sv.target()).append(" = ").append(value).append("; ");
          break;
        }
        if (frames.get(i) instanceof SwitchValue sv && sv.id() == targetId) {
          int n = sv.reads().size();
          if (isLiteral(witness)) {
            sv.reads().add(witness);
          } else {
            sb.append(sv.result()).append(" = ").append(value).append("; ");
            sv.reads().add(typed(sv.result(), witness));
          }
          sb.append(sv.which()).append(" = ").append(n).append("; ");
          break;
        }
      }
      kind = JumpKind.BREAK;
      value = null;
    }
    int cur = region;
    for (int i = frames.size() - 1; i >= 0; i--) {
      Frame f = frames.get(i);
      if (f instanceof TryFrame tf) {
        if (tf.fin() != null) {
          int code = pendingCode(tf.fin(), kind, targetId);
          if (kind == JumpKind.RETURN && value != null) {
            sb.append(resultField()).append(" = ").append(value).append("; ");
          }
          sb.append(tf.fin().kind).append(" = ").append(code).append("; ");
          sb.append("region = ").append(tf.parentRegion()).append("; ");
          return sb.append(gotoText(tf.fin().label)).toString();
        }
        continue;
      }
      int label = -1;
      int targetRegion = 0;
      if (f instanceof Loop l && l.id() == targetId) {
        label = kind == JumpKind.CONTINUE ? l.continueLabel() : l.breakLabel();
        targetRegion = l.region();
      } else if (f instanceof Breakable b && b.id() == targetId && kind == JumpKind.BREAK) {
        label = b.breakLabel();
        targetRegion = b.region();
      } else if (f instanceof SwitchValue sv && sv.id() == targetId && kind == JumpKind.BREAK) {
        label = sv.endLabel();
        targetRegion = sv.region();
      }
      if (label >= 0 && kind != JumpKind.RETURN) {
        if (cur != targetRegion) {
          sb.append("region = ").append(targetRegion).append("; ");
        }
        return sb.append(gotoText(label)).toString();
      }
    }
    if (kind != JumpKind.RETURN) {
      throw new IllegalStateException("no target " + targetId + " for " + kind);
    }
    String v = value != null ? value : fields.containsKey("result") ? "result" : "null";
    return sb.append("return ").append(v).append(";").toString();
  }

  private String resultField() {
    if (!fields.containsKey("result")) {
      taken.add("result");
      fields.put("result", "java.lang.Object");
    }
    return "result";
  }

  private int pendingCode(Finally fin, JumpKind kind, int targetId) {
    for (int i = 0; i < fin.pending.size(); i++) {
      int[] p = fin.pending.get(i);
      if (p[0] == kind.ordinal() && p[1] == targetId) {
        return i + 3;
      }
    }
    if (kind == JumpKind.RETURN) {
      resultField();
      return RETURN;
    }
    fin.pending.add(new int[] {kind.ordinal(), targetId});
    return fin.pending.size() + 2;
  }

  // ------------------------------------------------------------------ native code

  private String code(Code c) {
    if (c.parts().size() == 1 && c.parts().get(0) instanceof Code.Jump j) {
      return jumpText(j.kind(), j.targetId(), j.value() == null ? null : code(j.value()),
          j.value() == null ? null : witness(j.value()));
    }
    StringBuilder sb = new StringBuilder();
    for (Code.Part p : c.parts()) {
      if (p instanceof Code.Text t) {
        sb.append(t.text());
      } else {
        Code.Jump j = (Code.Jump) p;
        String value = j.value() == null ? null : code(j.value());
        String witness = j.value() == null ? null : witness(j.value());
        sb.append("{ ").append(jumpText(j.kind(), j.targetId(), value, witness)).append(" }");
      }
    }
    return sb.toString();
  }

  /**
   * Native code as a witness: its text, with the capture copies it reads named by the fields they
   * copy (the copies are locals of the place the code runs).
   */
  private static String witness(Code c) {
    String text = c.plainText();
    for (Code.Capture cap : c.captures()) {
      text = text.replaceAll("\\b" + java.util.regex.Pattern.quote(cap.copyName()) + "\\b",
          java.util.regex.Matcher.quoteReplacement(paren(cap.fieldName())));
    }
    return text;
  }

  private void captures(Code c) {
    for (Code.Capture cap : c.captures()) {
      emit("final " + cap.typeText() + " " + cap.copyName() + " = " + cap.fieldName() + ";");
    }
  }

  // ------------------------------------------------------------------ statements

  private void stmt(Stmt s) {
    if (s == null) {
      return;
    }
    if (s instanceof Stmt.NativeStmt n) {
      String text = code(n.code());
      at(n.code().line());
      if (n.completion() == Stmt.Completion.MAYBE) {
        text = "if (true) {\n" + text + "\n}";
        // The source's first line is the text's second.
        at(n.code().line() - 1);
      }
      // Copies have unique names, so they need no block (which would also hide a declaration).
      captures(n.code());
      emit(text);
      if (n.completion() == Stmt.Completion.NO) {
        dead = true;
      }
    } else if (s instanceof Stmt.Block b) {
      b.statements().forEach(this::stmt);
    } else if (s instanceof Stmt.LocalDecl d) {
      if (d.init() != null) {
        assignTo(d.variable().fieldName(), d.init());
      }
    } else if (s instanceof Stmt.ExprStmt e) {
      exprStmt(e.expression());
    } else if (s instanceof Stmt.If i) {
      ifStmt(i);
    } else if (s instanceof Stmt.While w) {
      int top = newLabel();
      int end = newLabel();
      mark(top);
      branchUnless(w.condition(), end);
      frames.add(new Loop(w.id(), end, top, region));
      stmt(w.body());
      frames.remove(frames.size() - 1);
      jumpTo(top);
      mark(end);
    } else if (s instanceof Stmt.DoWhile d) {
      int top = newLabel();
      int cont = newLabel();
      int end = newLabel();
      mark(top);
      frames.add(new Loop(d.id(), end, cont, region));
      stmt(d.body());
      frames.remove(frames.size() - 1);
      mark(cont);
      Val c = eval(d.condition());
      emit("if (" + c.text + ") { " + gotoText(top) + " }");
      mark(end);
    } else if (s instanceof Stmt.For f) {
      f.init().forEach(this::stmt);
      int top = newLabel();
      int cont = newLabel();
      int end = newLabel();
      mark(top);
      if (f.condition() != null) {
        branchUnless(f.condition(), end);
      }
      frames.add(new Loop(f.id(), end, cont, region));
      stmt(f.body());
      frames.remove(frames.size() - 1);
      mark(cont);
      f.update().forEach(this::stmt);
      jumpTo(top);
      mark(end);
    } else if (s instanceof Stmt.ForEach f) {
      Val it = eval(f.iterable());
      String iter = newTemp(f.variable().sourceName() + "Iterator", "java.util.Iterator<?>");
      emit(iter + " = iterate(" + it.text + ");");
      int top = newLabel();
      int end = newLabel();
      mark(top);
      emit("if (!" + iter + ".hasNext()) { " + gotoText(end) + " }");
      emit(f.variable().fieldName() + " = cast(" + iter + ".next());");
      frames.add(new Loop(f.id(), end, top, region));
      stmt(f.body());
      frames.remove(frames.size() - 1);
      jumpTo(top);
      mark(end);
    } else if (s instanceof Stmt.Labeled l) {
      int end = newLabel();
      frames.add(new Breakable(l.id(), end, region));
      stmt(l.body());
      frames.remove(frames.size() - 1);
      mark(end);
    } else if (s instanceof Stmt.Switch sw) {
      int end = newLabel();
      switchDispatch(sw.selector(), sw.cases(), end, false);
      frames.add(new Breakable(sw.id(), end, region));
      switchBodies(sw.cases(), end);
      frames.remove(frames.size() - 1);
      mark(end);
    } else if (s instanceof Stmt.Return r && returnsConditional(r.value())) {
      returnConditional(r.value());
      dead = true;
    } else if (s instanceof Stmt.Return r) {
      String v;
      if (r.value() == null) {
        v = null;
      } else {
        Val val = eval(r.value());
        v = val.slot != null ? val.slot : val.text;
      }
      emit(jumpText(JumpKind.RETURN, 0, v));
      dead = true;
    } else if (s instanceof Stmt.Throw t) {
      Val v = eval(t.value());
      emit("throw " + v.text + ";");
      dead = true;
    } else if (s instanceof Stmt.Yield y) {
      Val v = eval(y.value());
      // A value stored as is for a read-back needs no cast; one assigned to the variable of an
      // assignment is read with its type.
      boolean stored = v.slot != null && switchTarget(y.targetId()) == null;
      emit(jumpText(JumpKind.YIELD, y.targetId(), stored ? v.slot : v.text, y.value().witness()));
      dead = true;
    } else if (s instanceof Stmt.Break b) {
      emit(jumpText(JumpKind.BREAK, b.targetId(), null));
      dead = true;
    } else if (s instanceof Stmt.Continue c) {
      emit(jumpText(JumpKind.CONTINUE, c.targetId(), null));
      dead = true;
    } else if (s instanceof Stmt.Try t) {
      tryStmt(t);
    }
  }

  private void ifStmt(Stmt.If i) {
    if (isNative(i.then()) && isNative(i.otherwise())) {
      Val c = eval(i.condition());
      StringBuilder sb = new StringBuilder("if (" + c.text + ") {\n");
      sb.append(nativeBlock(i.then()));
      if (i.otherwise() != null) {
        sb.append("\n} else {\n").append(nativeBlock(i.otherwise()));
      }
      emit(sb.append("\n}").toString());
      return;
    }
    int elseLabel = newLabel();
    int end = i.otherwise() == null ? elseLabel : newLabel();
    branchUnless(i.condition(), elseLabel);
    stmt(i.then());
    if (i.otherwise() != null) {
      jumpTo(end);
      mark(elseLabel);
      stmt(i.otherwise());
    }
    mark(end);
  }

  private static boolean isNative(Stmt s) {
    return s == null || s instanceof Stmt.NativeStmt;
  }

  private String nativeBlock(Stmt s) {
    Stmt.NativeStmt n = (Stmt.NativeStmt) s;
    StringBuilder sb = new StringBuilder();
    for (Code.Capture cap : n.code().captures()) {
      sb.append("final ").append(cap.typeText()).append(' ').append(cap.copyName())
          .append(" = ").append(cap.fieldName()).append(";\n");
    }
    return sb.append(code(n.code())).toString();
  }

  /** Emits: evaluate {@code cond}; if false, go to {@code label}. */
  private void branchUnless(Expr cond, int label) {
    Val c = eval(cond);
    emit("if (!" + paren(c.text) + ") { " + gotoText(label) + " }");
  }

  private void switchDispatch(Expr selector, List<Stmt.SwitchCase> cases, int end, boolean isExpr) {
    if (cases.stream().anyMatch(Stmt.SwitchCase::pattern)) {
      patternDispatch(selector, cases);
      return;
    }
    Val sel = eval(selector);
    StringBuilder sb = new StringBuilder("switch (" + sel.text + ") {\n");
    boolean hasDefault = false;
    List<Integer> labels = new ArrayList<>();
    for (Stmt.SwitchCase c : cases) {
      int l = newLabel();
      labels.add(l);
      hasDefault |= c.isDefault();
      if (c.labels().isEmpty()) {
        sb.append("  default: ");
      } else {
        sb.append("  case ").append(String.join(", ", c.labels())).append(": ");
      }
      sb.append(gotoText(l)).append('\n');
    }
    if (!hasDefault) {
      sb.append("  default: ")
          .append(isExpr ? "throw new java.lang.IncompatibleClassChangeError();" : gotoText(end))
          .append('\n');
    }
    emit(sb.append("}").toString());
    dead = true;
    pendingCaseLabels = labels;
  }

  private List<Integer> pendingCaseLabels;

  /**
   * The dispatch of a switch with patterns (JDK 21): the selector is evaluated once into a field,
   * and a native switch over it matches the cases in order, as the source's does (null, record
   * patterns, exhaustiveness); each pattern case copies its bindings into their fields and jumps to
   * its body, or to its guard when it has one. A guard is lowered as any expression (it may
   * await); when it is false, matching resumes with the next case, as Java's does: {@code start}
   * is set past the case and every pattern case is guarded by {@code start <= its index} in the
   * native switch, which is then entered again (earlier constant labels cannot match a value a
   * later case matched). Guarded this way no pattern is unconditional, so a switch without {@code
   * default} gets one that throws MatchException, as an unmatched exhaustive switch does.
   */
  private void patternDispatch(Expr selector, List<Stmt.SwitchCase> cases) {
    Val sel = eval(selector);
    String held = newTemp("selector", "java.lang.Object");
    emit(held + " = " + (sel.slot != null ? sel.slot : sel.text) + ";");
    boolean guarded = cases.stream().anyMatch(c -> c.guard() != null);
    String start = guarded ? newTemp("caseStart", "int") : null;
    int dispatch = -1;
    if (guarded) {
      emit(start + " = 0;");
      dispatch = newLabel();
      mark(dispatch);
    }
    StringBuilder sb = new StringBuilder("switch (" + typed(held, selector.witness()) + ") {\n");
    List<Integer> bodies = new ArrayList<>();
    List<Integer> guards = new ArrayList<>();
    boolean hasDefault = false;
    for (int i = 0; i < cases.size(); i++) {
      Stmt.SwitchCase c = cases.get(i);
      int body = newLabel();
      bodies.add(body);
      int guard = c.guard() == null ? -1 : newLabel();
      guards.add(guard);
      hasDefault |= c.isDefault();
      sb.append("  ").append(c.labels().isEmpty() ? "default" : "case " + String.join(", ", c.labels()));
      if (guarded && c.pattern()) {
        sb.append(" when ").append(start).append(" <= ").append(i);
      }
      sb.append(" -> { ");
      if (c.pattern() && !c.bind().isEmpty()) {
        sb.append(c.bind()).append(' ');
      }
      sb.append(gotoText(guard >= 0 ? guard : body)).append(" }\n");
    }
    if (guarded && !hasDefault) {
      sb.append("  default -> throw new java.lang.MatchException(null, null);\n");
    }
    emit(sb.append("}").toString());
    dead = true;
    for (int i = 0; i < cases.size(); i++) {
      if (guards.get(i) >= 0) {
        mark(guards.get(i));
        Val g = eval(cases.get(i).guard());
        emit("if (!" + paren(g.text) + ") { " + start + " = " + (i + 1) + "; " + gotoText(dispatch)
            + " }");
        jumpTo(bodies.get(i));
      }
    }
    pendingCaseLabels = bodies;
  }

  private void switchBodies(List<Stmt.SwitchCase> cases, int end) {
    List<Integer> labels = pendingCaseLabels;
    for (int i = 0; i < cases.size(); i++) {
      Stmt.SwitchCase c = cases.get(i);
      mark(labels.get(i));
      stmt(c.body());
      if (c.arrow()) {
        jumpTo(end);
      }
    }
  }

  private void tryStmt(Stmt.Try t) {
    int parent = region;
    int tryRegion = nextRegion++;
    Finally fin = null;
    if (t.finallyBlock() != null) {
      String kind = newTemp("finallyKind" + tryRegion, "int");
      String value = newTemp("finallyValue" + tryRegion, "java.lang.Object");
      fin = new Finally(newLabel(), kind, value);
    }
    int end = newLabel();
    int catchRegion = fin != null && !t.catches().isEmpty() ? nextRegion++ : parent;
    List<Integer> catchLabels = new ArrayList<>();
    for (int i = 0; i < t.catches().size(); i++) {
      catchLabels.add(newLabel());
    }
    // Handler for the try part.
    List<String> body = new ArrayList<>();
    for (int i = 0; i < t.catches().size(); i++) {
      Stmt.Catch c = t.catches().get(i);
      List<String> tests = new ArrayList<>();
      for (String type : c.types()) {
        tests.add("ex instanceof " + type);
      }
      String type = c.parameter().typeText();
      boolean throwable = type.equals("Throwable") || type.equals("java.lang.Throwable");
      String assign = c.parameter().fieldName() + " = " + (throwable ? "ex" : "(" + type + ") ex") + ";";
      body.add("if (" + String.join(" || ", tests) + ") { " + assign + " region = " + catchRegion
          + "; label = " + catchLabels.get(i) + "; return true; }");
    }
    body.add(toFinallyOrParent(fin, parent));
    handlers.add(new Lowered.Handler(tryRegion, "try at line " + t.line(), body));
    if (catchRegion != parent) {
      handlers.add(new Lowered.Handler(catchRegion, "catch of try at line " + t.line(), List.of(toFinallyOrParent(fin, parent))));
    }

    at(t.line());
    emit("region = " + tryRegion + ";");
    region = tryRegion;
    frames.add(new TryFrame(parent, fin));
    stmt(t.body());
    if (!dead) {
      region = parent;
      emit("region = " + parent + ";");
      if (fin != null) {
        emit(fin.kind + " = 0;");
        jumpTo(fin.label);
      } else {
        jumpTo(end);
      }
    }
    for (int i = 0; i < t.catches().size(); i++) {
      region = catchRegion;
      mark(catchLabels.get(i));
      stmt(t.catches().get(i).body());
      if (!dead) {
        region = parent;
        if (catchRegion != parent) {
          emit("region = " + parent + ";");
        }
        if (fin != null) {
          emit(fin.kind + " = 0;");
          jumpTo(fin.label);
        } else {
          jumpTo(end);
        }
      }
    }
    frames.remove(frames.size() - 1);
    region = parent;
    if (fin != null) {
      mark(fin.label);
      stmt(t.finallyBlock());
      if (!dead) {
        emit("if (" + fin.kind + " == " + THROW + ") throw (java.lang.Throwable) " + fin.value + ";");
        if (fields.containsKey("result")) {
          emit("if (" + fin.kind + " == " + RETURN + ") { " + jumpText(JumpKind.RETURN, 0, null) + " }");
        }
        for (int i = 0; i < fin.pending.size(); i++) {
          int[] p = fin.pending.get(i);
          emit("if (" + fin.kind + " == " + (i + 3) + ") { "
              + jumpText(JumpKind.values()[p[0]], p[1], null) + " }");
        }
      }
    }
    mark(end);
  }

  private static String toFinallyOrParent(Finally fin, int parent) {
    if (fin == null) {
      return "region = " + parent + "; continue;";
    }
    return "region = " + parent + "; " + fin.kind + " = " + THROW + "; " + fin.value
        + " = ex; label = " + fin.label + "; return true;";
  }

  // ------------------------------------------------------------------ expressions

  /**
   * The value of an evaluated expression: {@code text} reads it with its static type; {@code
   * slot}, when non-null, is an {@code Object} variable that already holds it.
   */
  private record Val(String text, String slot) {}

  private void exprStmt(Expr e) {
    if (e instanceof Expr.Assign a && a.operator().equals("=") && a.target().holes().isEmpty()
        && a.value() instanceof Expr.Cond c && armsAwait(c)) {
      assignConditional(a.target().fragments().get(0), c);
      return;
    }
    if (e instanceof Expr.Assign a && a.operator().equals("=") && a.target().holes().isEmpty()
        && a.value() instanceof Expr.SwitchExpr s) {
      assignSwitch(a.target().fragments().get(0), s);
      return;
    }
    if (e instanceof Expr.Await a) {
      Val aw = eval(a.awaitable());
      await(aw.text, a.line());
      return;
    }
    Val v = eval(e);
    if (v.slot == null || !(e instanceof Expr.Cond || e instanceof Expr.Logic || e instanceof Expr.SwitchExpr)) {
      emit(v.text + ";");
    }
  }

  /**
   * True for {@code return c ? a : b;} (possibly inside the return cast of a primitive method)
   * with an await in an arm: each arm then returns by itself, with no {@code conditional} field
   * and no jump to a join point.
   */
  private static boolean returnsConditional(Expr value) {
    Expr.Cond c = returnedConditional(value);
    return c != null && armsAwait(c);
  }

  /** The return cast of a primitive method, {@code (int) (}, as the reader writes it. */
  private static final java.util.regex.Pattern RETURN_CAST =
      java.util.regex.Pattern.compile("\\((boolean|byte|short|char|int|long|float|double)\\) \\(");

  /**
   * The conditional {@code value} is, or wraps in a return cast {@code (int) (…)} (not in a call
   * {@code f(…)}); else null.
   */
  private static Expr.Cond returnedConditional(Expr value) {
    if (value instanceof Expr.Cond c) {
      return c;
    }
    if (value instanceof Expr.Composite k
        && k.holes().size() == 1
        && RETURN_CAST.matcher(k.fragments().get(0)).matches()
        && k.fragments().get(1).equals(")")
        && k.holes().get(0) instanceof Expr.Cond c) {
      return c;
    }
    return null;
  }

  /**
   * {@code return c ? a : b;} as {@code if (c) return a'; return b';}, where {@code x'} is {@code
   * false ? <the whole conditional> : x} in the return's own context: a numeric or boolean
   * conditional promotes the arm to the whole conditional's type, a reference conditional
   * converts it to the return type, exactly as the source does (JLS 15.25). A primitive method
   * assigns it to a local of its return type first (an assignment context, as its return is);
   * a reference method returns it as is (step() returns Object, and converting a reference
   * conditional's arm to Object or to the declared reference type gives the same value). An
   * await-free arm without captures becomes the body of the {@code if}; otherwise the true arm
   * falls through and the false arm starts at its own label.
   */
  private void returnConditional(Expr value) {
    Expr.Cond c = returnedConditional(value);
    String open = value instanceof Expr.Composite k ? k.fragments().get(0) : "";
    Val cond = eval(c.cond());
    boolean trueInline = simpleArm(c.whenTrue());
    boolean falseInline = !trueInline && simpleArm(c.whenFalse());
    if (trueInline || falseInline) {
      Val v = eval(trueInline ? c.whenTrue() : c.whenFalse());
      String test = trueInline ? paren(cond.text) : "(!" + paren(cond.text) + ")";
      String body = armReturn(open, c, v);
      emit("if " + (wrapped(test) ? test : "(" + test + ")") + " "
          + (body.startsWith("{") ? body : "{ " + body + " }"));
      Val rest = eval(trueInline ? c.whenFalse() : c.whenTrue());
      emit(armReturn(open, c, rest));
      return;
    }
    int elseLabel = newLabel();
    emit("if (!" + paren(cond.text) + ") { " + gotoText(elseLabel) + " }");
    Val t = eval(c.whenTrue());
    emit(armReturn(open, c, t));
    dead = true;
    mark(elseLabel);
    Val f = eval(c.whenFalse());
    emit(armReturn(open, c, f));
  }

  /**
   * A conditional with an await in an arm, nested in an expression: each arm's value is stored as
   * is (an await-free literal arm is not stored), and the value is read back as {@code (which ?
   * <true arm> : <false arm>)}, each arm a read of the stored value with the source arm's
   * classification and type (JLS 15.25, see {@link #armRead}). So the read-back conditional is a
   * boolean, numeric or reference conditional exactly when the source's is, and the context
   * converts it as it converts the source's: a reference conditional in an assignment or
   * invocation context converts each arm by itself ({@code list.add(c ? await(one) : 2.5)} adds
   * an Integer), a standalone one unboxes and promotes ({@code (c ? await(x) : 0) * price}).
   */
  private Val armWise(Expr.Cond c, Val cond) {
    String[] value = {null};
    String which = newTemp("conditionalArm", "boolean");
    branches(c, cond, (arm, isTrue) -> {
      Expr source = isTrue ? c.whenTrue() : c.whenFalse();
      String flag = which + " = " + isTrue + ";";
      if (literalArm(source)) {
        return flag;
      }
      if (value[0] == null) {
        value[0] = newTemp("conditional", "java.lang.Object");
      }
      return value[0] + " = " + (arm.slot != null ? arm.slot : arm.text) + "; " + flag;
    });
    return new Val("(" + which + " ? " + armRead(c.whenTrue(), value[0]) + " : "
        + armRead(c.whenFalse(), value[0]) + ")", null);
  }

  /**
   * Reads {@code value}, the stored value of {@code arm}, as an expression that has the arm's
   * type and is classified as the arm is (JLS 15.25: a method invocation is classified by its
   * method's declared return type, so a generic call such as {@code await(x)} is neither numeric
   * nor boolean whatever it returns):
   *
   * <ul>
   *   <li>a literal: itself (still a constant, e.g. for {@code short s = c ? await(x) : 1});
   *   <li>an explicit await: {@code typed(value, false ? arm : null)}, a generic call too;
   *   <li>a direct {@code @Async} call of a primitive type: {@code unbox((Box) value)};
   *   <li>anything else: {@code (false ? arm : unbox(typed(value, false ? arm : null)))}, a
   *       conditional classified as {@code arm} is, of {@code arm}'s type once unboxed.
   * </ul>
   */
  private String armRead(Expr arm, String value) {
    Expr core = arm instanceof Expr.Primitive p ? p.operand() : arm;
    if (literalArm(core)) {
      return core.witness();
    }
    if (core instanceof Expr.Await a) {
      String exact = exactType(a.witness());
      if (exact == null) {
        return typed(value, a.witness());
      }
      String read = awaitedRead(value, a.witness());
      return BOXES.containsKey(exact) ? "unbox(" + read + ")" : read;
    }
    return "(false ? " + paren(arm.witness()) + " : unbox(" + typed(value, arm.witness()) + "))";
  }

  /** An await-free arm that is a literal: it need not be stored to be read back. */
  private static boolean literalArm(Expr arm) {
    Expr core = arm instanceof Expr.Primitive p ? p.operand() : arm;
    return core instanceof Expr.Native n && n.stable() && n.code().captures().isEmpty()
        && isLiteral(n.witness());
  }

  /**
   * The value of a lowered switch expression, read back from its yields' stored values: {@code
   * switch (which) { case 0 -> <read 0>; … default -> <read n> }}, each read of the yielded
   * expression's type (a literal stays a literal). As a switch expression in the source's place,
   * it is a poly expression exactly when the source's is (JLS 15.28.1), so each yield converts to
   * the target type by itself there ({@code Object o = switch … { case 1 -> await(one); default ->
   * 2.5; }} is an Integer), and a standalone one has the type the source's has.
   */
  private static String readBack(String which, List<String> reads) {
    StringBuilder sb = new StringBuilder("switch (" + which + ") { ");
    for (int i = 0; i < reads.size(); i++) {
      sb.append(i == reads.size() - 1 ? "default" : "case " + i).append(" -> ")
          .append(reads.get(i)).append("; ");
    }
    if (reads.isEmpty()) {
      // No yield completes normally: the value is never read.
      sb.append("default -> throw new java.lang.AssertionError(); ");
    }
    return sb.append("}").toString();
  }

  private static boolean armsAwait(Expr.Cond c) {
    return hasAwait(c.whenTrue()) || hasAwait(c.whenFalse());
  }

  /**
   * {@code variable = c ? a : b;} with an await in an arm: each arm assigns {@code false ? <the
   * whole conditional> : arm} to the variable itself, in the assignment context of the source,
   * so a reference conditional converts the arm to the variable's type and a numeric one
   * promotes it first (JLS 15.25), with no Object temporary to read back.
   */
  private void assignConditional(String variable, Expr.Cond c) {
    branches(c, eval(c.cond()), (arm, isTrue) ->
        variable + " = false ? " + paren(c.witness()) + " : " + paren(arm.text) + ";");
  }

  /**
   * The control flow of {@code c ? a : b} with an await in an arm, {@code cond} already
   * evaluated: each arm is evaluated on its own path and ends with the statement {@code store}
   * makes of its value ({@code true} for the true arm); both paths then join.
   */
  private void branches(
      Expr.Cond c, Val cond, java.util.function.BiFunction<Val, Boolean, String> store) {
    int elseLabel = newLabel();
    int end = newLabel();
    emit("if (!" + paren(cond.text) + ") { " + gotoText(elseLabel) + " }");
    emit(store.apply(eval(c.whenTrue()), true));
    jumpTo(end);
    mark(elseLabel);
    emit(store.apply(eval(c.whenFalse()), false));
    mark(end);
  }

  /** An arm whose evaluation emits no statements: await-free source text with no captures. */
  private static boolean simpleArm(Expr arm) {
    Expr core = arm instanceof Expr.Primitive p ? p.operand() : arm;
    return core instanceof Expr.Native n && n.code().captures().isEmpty();
  }

  /**
   * The statement that returns {@code arm} as the arm of {@code c}; {@code open} is the return
   * cast of a primitive method ({@code "(int) ("}), empty for a reference method.
   */
  private String armReturn(String open, Expr.Cond c, Val arm) {
    String value = "false ? " + paren(c.witness()) + " : " + paren(arm.text);
    if (open.isEmpty()) {
      return jumpText(JumpKind.RETURN, 0, value);
    }
    String type = open.substring(1, open.indexOf(')'));
    String local = freshLocal("returned");
    return "{ " + type + " " + local + " = " + value + "; "
        + jumpText(JumpKind.RETURN, 0, local) + " }";
  }

  /** A name for a variable of the generated code (field or block local) that nothing else uses. */
  private String freshLocal(String base) {
    String n = base;
    for (int i = 1; taken.contains(n); i++) {
      n = base + i;
    }
    taken.add(n);
    return n;
  }

  private void assignTo(String field, Expr init) {
    if (init instanceof Expr.Cond c && armsAwait(c)) {
      assignConditional(field, c);
      return;
    }
    if (init instanceof Expr.SwitchExpr s) {
      assignSwitch(field, s);
      return;
    }
    Val v = eval(init);
    emit(field + " = " + (v.slot != null && !primitiveField(field) ? "cast(" + v.slot + ")" : v.text)
        + ";");
  }

  /** The variable the switch expression {@code id} assigns, or null when it is read back. */
  private String switchTarget(int id) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (frames.get(i) instanceof SwitchValue sv && sv.id() == id) {
        return sv.target();
      }
    }
    return null;
  }

  /**
   * {@code variable = switch …} with an await in it: each yield assigns its value to the variable
   * itself, in the assignment context of the source, which converts each one to the variable's
   * type as the source's poly switch expression does (JLS 15.28.1), lambdas included.
   */
  private void assignSwitch(String variable, Expr.SwitchExpr s) {
    int end = newLabel();
    switchDispatch(s.selector(), s.cases(), end, true);
    frames.add(new SwitchValue(s.id(), end, null, null, null, region, variable));
    switchBodies(s.cases(), end);
    frames.remove(frames.size() - 1);
    mark(end);
  }

  /**
   * Whether {@code name} is a hoisted local or parameter of a primitive type: an Object is
   * converted to it by its own type (an Integer widens to a long), which {@code cast} would
   * check against the target's box instead.
   */
  private boolean primitiveField(String name) {
    for (io.asyncio4j.processor.model.LocalVar v : method.locals()) {
      if (v.fieldName().equals(name)) {
        return BOXES.containsKey(v.typeText());
      }
    }
    for (AsyncMethod.Param p : method.parameters()) {
      if (p.fieldName().equals(name)) {
        return p.type().isPrimitive();
      }
    }
    return false;
  }

  private String typed(String slot, String witness) {
    return "typed(" + slot + ", false ? " + paren(witness) + " : null)";
  }

  /** {@code text} as an operand: parenthesized unless it is a name, literal or call chain. */
  static String paren(String text) {
    if (wrapped(text)) {
      return text;
    }
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(text, i);
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        if (i == 0) {
          return "(" + text + ")";
        }
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0 && !(Character.isJavaIdentifierPart(c) || c == '.')) {
        return "(" + text + ")";
      }
    }
    return text;
  }

  /** True when {@code text} is one parenthesized expression: {@code (a + b)}. */
  private static boolean wrapped(String text) {
    if (!text.startsWith("(") || !text.endsWith(")")) {
      return false;
    }
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = skipLiteral(text, i);
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0 && i != text.length() - 1) {
          return false;
        }
      }
    }
    return true;
  }

  private static int skipLiteral(String text, int start) {
    char quote = text.charAt(start);
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return text.length();
  }

  private void await(String awaitable, int line) {
    at(line);
    awaits = true;
    int resume = newLabel();
    resumeLines.put(resume, line);
    emit("label = " + resume + ";");
    String r = method.stepNames().value();
    emit(r + " = await(" + awaitable + ");");
    emit("if (" + r + " == SUSPENDED) return SUSPENDED;");
    lines.add(new Lowered.Mark(resume, "resume after await at " + method.fileName() + ":" + line));
    dead = false;
  }

  private static boolean hasAwait(Expr e) {
    return e instanceof Expr.Primitive p ? hasAwait(p.operand()) : !(e instanceof Expr.Native);
  }

  private String spill(Val v) {
    String t = newTemp("spill", "java.lang.Object");
    emit(t + " = " + (v.slot != null ? v.slot : v.text) + ";");
    return t;
  }

  private Val eval(Expr e) {
    if (e instanceof Expr.Primitive p) {
      return eval(p.operand());
    }
    if (e instanceof Expr.Native n) {
      at(n.code().line());
      captures(n.code());
      return new Val(code(n.code()), null);
    } else if (e instanceof Expr.Await a) {
      Val aw = eval(a.awaitable());
      await(aw.text, a.line());
      String r = method.stepNames().value();
      return new Val(awaitedRead(r, a.witness()), r);
    } else if (e instanceof Expr.Composite c) {
      List<String> vals = holes(c.holes(), false, unboxingCheck(c));
      if (vals.size() == 2 && (c.fragments().get(1).equals(" == ") || c.fragments().get(1).equals(" != "))) {
        // A value read back from an Object is boxed, and two boxes compare by reference: each
        // operand gets its source type back, so == compares as in the source (by value when an
        // operand is primitive, by reference when both are references, as await(a) == await(b)
        // of two Integers does).
        for (int i = 0; i < 2; i++) {
          vals.set(i, exactOperand(c.holes().get(i), vals.get(i)));
        }
      }
      return new Val(join(c.fragments(), vals), null);
    } else if (e instanceof Expr.Cond c) {
      Val cond = eval(c.cond());
      if (!hasAwait(c.whenTrue()) && !hasAwait(c.whenFalse())) {
        Val t = eval(c.whenTrue());
        Val f = eval(c.whenFalse());
        return new Val(paren(cond.text) + " ? " + paren(t.text) + " : " + paren(f.text), null);
      }
      return armWise(c, cond);
    } else if (e instanceof Expr.Logic l) {
      Val left = eval(l.left());
      if (!hasAwait(l.right())) {
        Val right = eval(l.right());
        return new Val(paren(left.text) + (l.and() ? " && " : " || ") + paren(right.text), null);
      }
      String result = newTemp(l.and() ? "and" : "or", "boolean");
      int end = newLabel();
      emit(result + " = " + left.text + ";");
      emit("if (" + (l.and() ? "!" : "") + result + ") { " + gotoText(end) + " }");
      Val right = eval(l.right());
      emit(result + " = " + right.text + ";");
      mark(end);
      return new Val(result, null);
    } else if (e instanceof Expr.Assign a) {
      return assign(a);
    } else if (e instanceof Expr.SwitchExpr s) {
      String result = newTemp("switchValue", "java.lang.Object");
      String which = newTemp("switchArm", "int");
      int end = newLabel();
      switchDispatch(s.selector(), s.cases(), end, true);
      SwitchValue sv =
          new SwitchValue(s.id(), end, result, which, new ArrayList<>(), region, null);
      frames.add(sv);
      switchBodies(s.cases(), end);
      frames.remove(frames.size() - 1);
      mark(end);
      return new Val(readBack(which, sv.reads()), null);
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  /** Evaluates operands left to right; those left of the last await are spilled to fields. */
  private static final Set<String> UNBOXING_OPERATORS =
      Set.of("+", "-", "*", "/", "%", "<<", ">>", ">>>", "&", "|", "^", "<", ">", "<=", ">=");

  /**
   * For {@code left op right} whose right operand awaits and whose left operand may be a boxed
   * value: the witness of the whole expression. Java unboxes the left operand (throwing for null)
   * before it evaluates the right one (JLS 15.7.1), so the spilled left operand is checked then;
   * {@code +} unboxes only when it is not a string concatenation, which the whole expression's
   * type tells ({@code numericOperand} overloads). Null when no check is needed.
   */
  private static String unboxingCheck(Expr.Composite c) {
    List<String> f = c.fragments();
    if (c.holes().size() != 2 || !f.get(0).isEmpty() || !f.get(2).isEmpty()
        || !UNBOXING_OPERATORS.contains(f.get(1).trim()) || !hasAwait(c.holes().get(1))
        || c.holes().get(0) instanceof Expr.Primitive
        || (c.holes().get(0) instanceof Expr.Native n && n.stable() && isLiteral(n))) {
      return null;
    }
    return c.witness();
  }

  private static boolean isLiteral(Expr.Native n) {
    return isLiteral(n.witness());
  }

  private static final java.util.regex.Pattern LITERAL =
      java.util.regex.Pattern.compile(
          "-?[0-9][0-9A-Za-z_.]*(?:[eEpP][+-][0-9_]+[fFdD]?)?|'([^'\\\\]|\\\\.)+'|\"([^\"\\\\]|\\\\.)*\"|true|false|null");

  /** Whether {@code text} is one literal (a number possibly negated, char, string, boolean, null). */
  private static boolean isLiteral(String text) {
    return text != null && LITERAL.matcher(text).matches();
  }

  private List<String> holes(List<Expr> holes, boolean spillAll) {
    return holes(holes, spillAll, null);
  }

  private List<String> holes(List<Expr> holes, boolean spillAll, String unboxingCheck) {
    int last = -1;
    for (int i = 0; i < holes.size(); i++) {
      if (hasAwait(holes.get(i))) {
        last = i;
      }
    }
    if (spillAll) {
      last = holes.size();
    }
    List<String> vals = new ArrayList<>();
    for (int i = 0; i < holes.size(); i++) {
      Expr h = holes.get(i);
      Expr core = h instanceof Expr.Primitive p ? p.operand() : h;
      Val v = eval(h);
      String val;
      boolean boxed;
      boolean spilled = i < last && !(core instanceof Expr.Native n && n.stable());
      String exact = spilled ? exactType(h.witness()) : null;
      if (i == 0 && unboxingCheck != null) {
        String t = spill(new Val("numericOperand(" + (v.slot != null ? v.slot : v.text)
            + ", false ? " + paren(unboxingCheck) + " : null)", null));
        val = typed(t, h.witness());
        boxed = true;
      } else if (exact != null) {
        // The witness names the type: a field of that type holds the value, read back as is.
        String t = newTemp("spill", exact);
        emit(t + " = " + v.text + ";");
        val = t;
        boxed = false;
      } else if (spilled) {
        String t = spill(v);
        val = typed(t, h.witness());
        boxed = true;
      } else {
        val = v.text;
        boxed = v.slot != null;
      }
      if (boxed && h instanceof Expr.Primitive) {
        val = "unbox(" + val + ")";
      }
      vals.add(val);
    }
    return vals;
  }

  private static final java.util.regex.Pattern EXACT_WITNESS =
      java.util.regex.Pattern.compile(
          "\\(\\((boolean|byte|short|char|int|long|float|double)\\) \\(java\\.lang\\.Object\\) null\\)"
              + "|\\(\\(([\\w.]+)\\) null\\)");

  /**
   * The type a witness names exactly, or null: the reader writes {@code ((int) (java.lang.Object)
   * null)} or {@code ((pkg.Type) null)} when it knows an expression's type (a direct {@code @Async}
   * call's declared type, for one), and such a type is always accessible from the companion.
   */
  static String exactType(String witness) {
    java.util.regex.Matcher m = EXACT_WITNESS.matcher(witness);
    if (!m.matches()) {
      return null;
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  private static final Map<String, String> BOXES =
      Map.of("boolean", "Boolean", "byte", "Byte", "short", "Short", "char", "Character",
          "int", "Integer", "long", "Long", "float", "Float", "double", "Double");

  /**
   * The awaited value {@code r} with the static type {@code typed(r, false ? witness : null)}
   * would give it: a plain cast when the witness names its type exactly (the box of a primitive,
   * which unboxes where the source's primitive would), else that {@code typed} call.
   */
  private String awaitedRead(String r, String witness) {
    String exact = exactType(witness);
    if (exact == null) {
      return typed(r, witness);
    }
    String box = BOXES.get(exact);
    return "((" + (box != null ? "java.lang." + box : exact) + ") " + r + ")";
  }

  /**
   * An operand of {@code ==} read back from an Object ({@code val}) with the static type of the
   * source operand {@code hole}: a direct {@code @Async} call of a primitive type is unboxed; any
   * other read is {@code (false ? <operand> : typed(…))}, whose type is the operand's own (a
   * primitive operand makes it a numeric conditional, which unboxes the read; a reference one
   * leaves it a reference, JLS 15.25).
   */
  private String exactOperand(Expr hole, String val) {
    String exact = exactType(hole.witness());
    if (exact != null && BOXES.containsKey(exact) && isBoxRead(val)) {
      return "unbox(" + val + ")";
    }
    if (val.startsWith("typed(")) {
      return "(false ? " + paren(hole.witness()) + " : " + val + ")";
    }
    return val;
  }

  /** True for an awaited primitive read back boxed: {@code ==} must compare it by value. */
  private boolean isBoxRead(String text) {
    String r = method.stepNames().value();
    for (String box : BOXES.values()) {
      if (text.equals("((java.lang." + box + ") " + r + ")")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isIdentifier(String text) {
    if (text.isEmpty() || !Character.isJavaIdentifierStart(text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      if (!Character.isJavaIdentifierPart(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code name} occurs in {@code text} as a whole identifier (outside literals too). */
  private static boolean mentions(String text, String name) {
    for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      boolean startOk = i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1));
      int end = i + name.length();
      boolean endOk = end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
      if (startOk && endOk) {
        return true;
      }
    }
    return false;
  }

  private static String join(List<String> fragments, List<String> vals) {
    StringBuilder sb = new StringBuilder(fragments.get(0));
    for (int i = 0; i < vals.size(); i++) {
      sb.append(paren(vals.get(i))).append(fragments.get(i + 1));
    }
    return sb.toString();
  }

  private Val assign(Expr.Assign a) {
    Expr.Composite target = a.target();
    boolean valueAwaits = a.value() != null && hasAwait(a.value());
    List<String> t = holes(target.holes(), valueAwaits);
    String lhs = join(target.fragments(), t);
    String op = a.operator();
    if (a.value() == null) {
      return new Val(op.startsWith("x") ? lhs + op.substring(1) : op.substring(0, 2) + lhs, null);
    }
    if (op.equals("=")) {
      Val v = eval(a.value());
      boolean local = target.holes().isEmpty();
      boolean cast = v.slot != null && local && !primitiveField(lhs);
      return new Val(lhs + " = " + (cast ? "cast(" + v.slot + ")" : v.text), null);
    }
    if (!valueAwaits) {
      Val v = eval(a.value());
      return new Val(lhs + " " + op + " " + paren(v.text), null);
    }
    if (target.holes().isEmpty() && isIdentifier(lhs) && !mentions(a.value().witness(), lhs)) {
      // A local of the method (a bare name: fields are self.x or Type.x) that the right-hand
      // side does not name: nothing else can change it while the await is pending (lambdas and
      // local classes capture copies), so its value after the await is its old value.
      Val v = eval(a.value());
      return new Val(lhs + " " + op + " " + paren(v.text), null);
    }
    // JLS 15.26.2: the variable's old value is saved before the right-hand side runs (a field
    // the awaited code changes, or the right-hand side's own x++, must not change it). The
    // right-hand side is evaluated in full, then the old value is written back just before the
    // compound assignment, so the operator still applies to it and still narrows implicitly.
    String old = newTemp("old", "java.lang.Object");
    emit(old + " = " + lhs + ";");
    Val v = eval(a.value());
    String rhs = spillAs(v, a.value().witness());
    emit(lhs + " = " + typed(old, target.witness()) + ";");
    return new Val(lhs + " " + op + " " + paren(rhs), null);
  }

  /**
   * Stores {@code v} and returns a read of it with {@code witness}'s type: a field of that type
   * when the witness names it, else an Object field read through {@code typed}.
   */
  private String spillAs(Val v, String witness) {
    String exact = exactType(witness);
    if (exact != null) {
      String t = newTemp("spill", exact);
      emit(t + " = " + v.text + ";");
      return t;
    }
    return typed(spill(v), witness);
  }
}
