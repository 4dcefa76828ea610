package io.asyncio4j.debug;

/**
 * The JMX view of asyncio4j, registered as {@value #OBJECT_NAME} in the platform MBean server when
 * the first event loop starts running (unless {@code -Dasyncio4j.jmx=false}). Its operations can be
 * invoked from outside the process with {@code jconsole} or any JMX client; see {@code
 * docs/DEBUGGING.md}.
 *
 * <p>Threading: thread-safe; every operation may be called from any thread.
 */
public interface AsyncioMXBean {
  /** The object name the bean is registered under. */
  String OBJECT_NAME = "io.asyncio4j:type=Asyncio";

  /**
   * A dump of every running event loop's tasks with their async stacks, like a thread dump. Each
   * loop produces its part on its own thread; a loop that does not answer within two seconds is
   * reported as blocked, with the Java stack of its thread.
   *
   * @return the dump of every running loop
   */
  String dumpTasks();

  /**
   * Every running loop's load: pending tasks, ready-queue length, lag (how long a ready callback
   * waits) and task steps per second. Each loop answers on its own thread; a loop that does not
   * answer within two seconds is reported as blocked.
   *
   * @return one entry per running loop
   */
  java.util.List<LoopMetrics> getLoopMetrics();

  /**
   * How many event loops are running right now.
   *
   * @return how many loops are running
   */
  int getRunningLoopCount();

  /**
   * The names of the threads running an event loop right now.
   *
   * @return the names of the threads running a loop
   */
  String[] getLoopThreads();
}
