/**
 * The asyncio4j runtime: Python asyncio's Task model for Java. A named-module application says
 * {@code requires io.asyncio4j;} and compiles its {@code @Async} methods with the asyncio4j
 * processor; the generated companions need nothing more.
 *
 * <ul>
 *   <li>{@code io.asyncio4j}: the API (event loop, futures, tasks, the toolkit, {@code @Async});
 *   <li>{@code io.asyncio4j.streams}: stream servers and clients on the loop;
 *   <li>{@code io.asyncio4j.debug}: the JMX bean (exported for the platform MBean server);
 *   <li>{@code io.asyncio4j.spi}: the contract of generated code, public only because companions
 *       live in user packages (not for users).
 * </ul>
 *
 * <p>{@code java.management} is required: the JMX bean is registered by default. {@code jdk.jfr}
 * is optional ({@code requires static}): the JFR events ({@code -Dasyncio4j.jfr=true}) need it in
 * the boot layer, where a full JDK has it (service binding from {@code java.management} brings
 * {@code jdk.management.jfr}, which requires it); an image without it runs the loop and logs that
 * diagnostics did not start.
 */
module io.asyncio4j {
  requires java.management;
  requires static jdk.jfr;

  exports io.asyncio4j;
  exports io.asyncio4j.debug;
  exports io.asyncio4j.spi;
  exports io.asyncio4j.streams;
}
