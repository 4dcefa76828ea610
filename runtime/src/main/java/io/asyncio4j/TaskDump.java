package io.asyncio4j;

import java.util.List;
import java.util.Locale;

/**
 * The text of a task dump ({@link EventLoop#dumpTasks()}), like a thread dump: one entry per
 * pending task, in creation order, with its state, what it awaits and its async stack.
 *
 * <pre>
 * Task dump of EventLoop[running=true ...] on thread "main" at loop time 1.500000 s: 2 pending tasks
 *
 * "Task-1" suspended, awaiting Task[pending name=fetcher ...]
 *     at demo.Crawler.crawl(Crawler.java:50)
 *
 * "fetcher" suspended, awaiting Sleep[waiting]
 *     at demo.Crawler.page(Crawler.java:42)
 *     at demo.Crawler.fetch(Crawler.java:31)
 *     created at                      (debug mode only)
 *     at demo.Crawler.crawl(Crawler.java:49)
 * </pre>
 *
 * <p>Threading: loop-confined (a dump reads the tasks' frames).
 */
final class TaskDump {
  private TaskDump() {}

  static String dump(EventLoop loop) {
    List<Task<?>> tasks = List.copyOf(loop.liveTasks());
    StringBuilder sb = new StringBuilder("Task dump of ").append(loop);
    Thread owner = loop.ownerThread();
    if (owner != null) {
      sb.append(" on thread \"").append(owner.getName()).append('"');
    }
    sb.append(String.format(Locale.ROOT, " at loop time %.6f s", loop.time() / 1e9));
    sb.append(": ")
        .append(tasks.size())
        .append(" pending task")
        .append(tasks.size() == 1 ? "" : "s");
    sb.append('\n');
    for (Task<?> t : tasks) {
      sb.append('\n');
      entry(sb, loop, t);
    }
    return sb.toString();
  }

  /** One task's entry: the header line, then its stack (and its creation site in debug mode). */
  static void entry(StringBuilder sb, EventLoop loop, Task<?> t) {
    sb.append('"').append(t.getName()).append("\" ");
    if (loop.currentTask == t) {
      sb.append("running (the current task)");
    } else if (t.waiter != null) {
      sb.append("suspended, awaiting ").append(t.waiter);
    } else if (!t.started) {
      sb.append("scheduled (first step queued)");
    } else {
      sb.append("scheduled (resumes in the next iteration)");
    }
    if (t.cancelling() > 0) {
      sb.append(", cancelling (").append(t.cancelling()).append(" request");
      sb.append(t.cancelling() == 1 ? ")" : "s)");
    }
    sb.append('\n');
    List<StackTraceElement> stack = t.getStack();
    if (stack.isEmpty()) {
      sb.append("\t(no suspension point known; coroutine ").append(t.getCoro()).append(")\n");
    }
    for (StackTraceElement el : stack) {
      sb.append("\tat ").append(el).append('\n');
    }
    Task.Extras x = t.extrasIfAny();
    if (x != null && x.createdAt != null) {
      sb.append("\tcreated at");
      Diagnostics.appendCreationSite(
          sb, x.createdAt, "\n\tat ", t.getCoro().getClass().getClassLoader());
      sb.append('\n');
    }
  }

  /** What {@link Task#printStack()} prints. */
  static String stackOf(Task<?> t) {
    StringBuilder sb = new StringBuilder();
    if (t.state == Future.EXCEPTION) {
      sb.append("Traceback for ").append(t).append(" (innermost first):\n");
      java.io.StringWriter w = new java.io.StringWriter();
      ((Throwable) t.value).printStackTrace(new java.io.PrintWriter(w));
      return sb.append(w).toString();
    }
    List<StackTraceElement> stack = t.getStack();
    if (stack.isEmpty()) {
      return sb.append("No stack for ").append(t).append('\n').toString();
    }
    sb.append("Stack for ").append(t).append(" (innermost first):\n");
    for (StackTraceElement el : stack) {
      sb.append("\tat ").append(el).append('\n');
    }
    return sb.toString();
  }
}
