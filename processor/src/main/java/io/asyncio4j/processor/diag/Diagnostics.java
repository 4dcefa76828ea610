package io.asyncio4j.processor.diag;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The sole owner of the {@link Messager} and of tree-positioned reporting. Errors are recorded and
 * processing carries on; {@link #abort()} ends the current method when no model can be built.
 */
public final class Diagnostics {
  private final Messager messager;
  private final Trees trees;
  private int errors;

  public Diagnostics(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** Reports an error at the exact tree. */
  public void error(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
    errors++;
    trees.printMessage(Diagnostic.Kind.ERROR, message.format(args), tree, unit);
  }

  /** Reports a warning at the exact tree. */
  public void warning(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
    trees.printMessage(Diagnostic.Kind.WARNING, message.format(args), tree, unit);
  }

  /** Reports an error on an element (signatures). */
  public void error(Element element, Message message, Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
  }

  /** Reports an error without a position. */
  public void error(Message message, Object... args) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args));
  }

  /** How many errors were reported so far. */
  public int errorCount() {
    return errors;
  }

  /** The exception to throw after reporting, when the current method cannot be modelled. */
  public AbortProcessing abort() {
    return new AbortProcessing();
  }
}
