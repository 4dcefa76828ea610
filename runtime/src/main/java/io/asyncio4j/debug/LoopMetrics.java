package io.asyncio4j.debug;

/**
 * One event loop's load, as measured when it was asked: each loop answers on its own thread, so the
 * figures are consistent with each other, and {@link #getLagMicros()} is exactly how long a
 * callback made ready at the moment of the question waited to run.
 *
 * <p>Threading: immutable.
 */
public final class LoopMetrics {
  private final String threadName;
  private final boolean blocked;
  private final int tasksAlive;
  private final int readyQueueLength;
  private final long lagMicros;
  private final long taskSteps;
  private final double stepsPerSecond;

  /**
   * A measurement.
   *
   * @param threadName the name of the thread running the loop
   * @param blocked whether the loop did not answer in time (then every other figure is -1)
   * @param tasksAlive the loop's pending tasks
   * @param readyQueueLength the callbacks and task steps ready to run
   * @param lagMicros how long the question, a ready callback, waited to run, in microseconds
   * @param taskSteps the task steps the loop has run since it was created
   * @param stepsPerSecond task steps per second since the previous measurement of this loop (the
   *     first time: since the loop first ran)
   */
  public LoopMetrics(
      String threadName,
      boolean blocked,
      int tasksAlive,
      int readyQueueLength,
      long lagMicros,
      long taskSteps,
      double stepsPerSecond) {
    this.threadName = threadName;
    this.blocked = blocked;
    this.tasksAlive = tasksAlive;
    this.readyQueueLength = readyQueueLength;
    this.lagMicros = lagMicros;
    this.taskSteps = taskSteps;
    this.stepsPerSecond = stepsPerSecond;
  }

  /**
   * Rebuilds a measurement from its JMX form, so that a {@code JMX.newMXBeanProxy} of {@link
   * AsyncioMXBean} can return it.
   *
   * @param cd the composite data a client received
   * @return the measurement
   */
  public static LoopMetrics from(javax.management.openmbean.CompositeData cd) {
    return new LoopMetrics(
        (String) cd.get("threadName"),
        (Boolean) cd.get("blocked"),
        (Integer) cd.get("tasksAlive"),
        (Integer) cd.get("readyQueueLength"),
        (Long) cd.get("lagMicros"),
        (Long) cd.get("taskSteps"),
        (Double) cd.get("stepsPerSecond"));
  }

  /**
   * The name of the thread running the loop.
   *
   * @return the thread's name
   */
  public String getThreadName() {
    return threadName;
  }

  /**
   * Whether the loop did not answer within the time the question allowed: a callback or task step
   * has not returned (see {@link AsyncioMXBean#dumpTasks()} for where it is stuck).
   *
   * @return whether the loop is blocked
   */
  public boolean isBlocked() {
    return blocked;
  }

  /**
   * The loop's pending tasks.
   *
   * @return the number of tasks not done yet, or -1 if blocked
   */
  public int getTasksAlive() {
    return tasksAlive;
  }

  /**
   * The callbacks and task steps ready to run when the loop answered.
   *
   * @return the ready queue's length, or -1 if blocked
   */
  public int getReadyQueueLength() {
    return readyQueueLength;
  }

  /**
   * How long a callback made ready at the moment of the question waited until it ran: the loop's
   * lag.
   *
   * @return the lag in microseconds, or -1 if blocked
   */
  public long getLagMicros() {
    return lagMicros;
  }

  /**
   * The task steps (resumptions of a task) the loop has run since it was created.
   *
   * @return the number of steps, or -1 if blocked
   */
  public long getTaskSteps() {
    return taskSteps;
  }

  /**
   * Task steps per second since the previous measurement of this loop.
   *
   * @return the rate, or -1 if blocked
   */
  public double getStepsPerSecond() {
    return stepsPerSecond;
  }

  @Override
  public String toString() {
    if (blocked) {
      return threadName + ": BLOCKED";
    }
    return String.format(
        "%s: tasks=%d ready=%d lag=%dus steps=%d (%.0f/s)",
        threadName, tasksAlive, readyQueueLength, lagMicros, taskSteps, stepsPerSecond);
  }
}
