package io.asyncio4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's project, made from exactly the README's code blocks, built and run with {@code mvn}
 * against the runtime and processor jars this build just made.
 *
 * <p>Every complete file in the README is preceded by {@code <!-- file: path -->}; every other
 * Java block by {@code <!-- fragment -->}, so a new block cannot slip past this test. The project
 * gets a private local repository: the three artifacts are copied into it (as {@code mvn install}
 * lays them out), and everything else Maven needs comes from the build's own local repository,
 * read as a {@code file:} repository before Maven Central, so nothing is written outside the
 * temporary directory and nothing needs the network when the build's repository has it all.
 */
class NewUserProjectIT {
  private static final Pattern MARKED_BLOCK =
      Pattern.compile("<!-- (file: ([^ ]+)|fragment) -->\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern ANY_BLOCK = Pattern.compile("(?m)^```(java|xml)$");

  @TempDir static Path tmp;
  private static Path project;
  private static Path settings;
  private static Path repo;

  @BeforeAll
  static void makeProjectFromReadme() throws IOException {
    String readme = Files.readString(path("readme"), StandardCharsets.UTF_8);
    Map<String, String> files = completeFiles(readme);
    assertTrue(files.containsKey("pom.xml"), "the README shows no complete pom.xml");
    project = tmp.resolve("project");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = project.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
    }
    repo = tmp.resolve("repository");
    String version = System.getProperty("asyncio4j.version");
    install(path("parent.pom"), "asyncio4j-parent", version, "pom");
    install(path("runtime.pom"), "asyncio4j-runtime", version, "pom");
    install(path("runtime.jar"), "asyncio4j-runtime", version, "jar");
    install(path("processor.pom"), "asyncio4j-processor", version, "pom");
    install(path("processor.jar"), "asyncio4j-processor", version, "jar");
    settings = tmp.resolve("settings.xml");
    Files.writeString(settings, settingsXml(path("seed.repository")), StandardCharsets.UTF_8);
  }

  @Test
  void everyJavaAndXmlBlockIsMarkedCompleteOrFragment() throws IOException {
    String readme = Files.readString(path("readme"), StandardCharsets.UTF_8);
    int marked = 0;
    Matcher m = MARKED_BLOCK.matcher(readme);
    while (m.find()) {
      marked++;
    }
    int all = 0;
    Matcher a = ANY_BLOCK.matcher(readme);
    while (a.find()) {
      all++;
    }
    // Each block has an opening and a closing fence line; only openings carry a language.
    assertEquals(
        all,
        marked,
        "a ```java or ```xml block in README.md has no marker on the line before it: <!-- fragment"
            + " --> for a snippet, or <!-- file: path/in/a/project --> for a complete file (which"
            + " this test then builds)");
  }

  @Test
  void theReadmeProjectBuildsAndRunsItsMainClass() throws Exception {
    assertEquals("[hello fast, hello slow]\n", mvn("-q", "compile", "exec:java"));
  }

  @Test
  void anotherMainClassRunsWithExecMainClass() throws Exception {
    assertEquals(
        "3\n2\n1\nliftoff after 3 ticks\n",
        mvn("-q", "compile", "exec:java", "-Dexec.mainClass=com.example.Countdown"));
  }

  /** Runs Maven in the project with the test's JDK; returns standard output, fails on exit != 0. */
  private static String mvn(String... args) throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("maven.home"));
    List<String> cmd = new ArrayList<>();
    cmd.add(home.resolve("bin").resolve("mvn").toString());
    cmd.addAll(
        List.of("-B", "-ntp", "-nsu", "-Dstyle.color=never", "-s", settings.toString(), "-Dmaven.repo.local=" + repo));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().remove("MAVEN_OPTS");
    Path err = Files.createTempFile(tmp, "mvn", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("mvn " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    String stdout = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail(
          "mvn "
              + String.join(" ", args)
              + " exited with "
              + p.exitValue()
              + "\n"
              + stdout
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    // Maven 3.8 prints a colour reset around the output even in batch mode.
    return stdout.replace("\u001B[0m", "").replace(System.lineSeparator(), "\n");
  }

  /** The README's complete files by path, in order. */
  static Map<String, String> completeFiles(String readme) {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = MARKED_BLOCK.matcher(readme.replace("\r\n", "\n"));
    while (m.find()) {
      if (m.group(2) != null) {
        files.put(m.group(2), m.group(3));
      }
    }
    return files;
  }

  /** Copies a file to where {@code mvn install} puts it in a local repository. */
  private static void install(Path file, String artifactId, String version, String ext)
      throws IOException {
    Path dir = repo.resolve("io/asyncio4j").resolve(artifactId).resolve(version);
    Files.createDirectories(dir);
    Files.copy(
        file,
        dir.resolve(artifactId + "-" + version + "." + ext),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Settings that look for every release artifact in {@code seed} first (Maven Central after it,
   * for what the seed lacks on a fresh machine) and for no snapshot anywhere.
   */
  private static String settingsXml(Path seed) {
    String repository =
        "<id>seed</id><url>"
            + seed.toUri()
            + "</url><releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy>"
            + "</releases><snapshots><enabled>false</enabled></snapshots>";
    return "<settings><profiles><profile><id>seed</id><repositories><repository>"
        + repository
        + "</repository></repositories><pluginRepositories><pluginRepository>"
        + repository
        + "</pluginRepository></pluginRepositories></profile></profiles><activeProfiles>"
        + "<activeProfile>seed</activeProfile></activeProfiles></settings>\n";
  }

  private static Path path(String property) {
    String value = System.getProperty("newuser." + property);
    if (value == null) {
      fail("system property newuser." + property + " is not set (run through mvn verify)");
    }
    return Path.of(value);
  }
}
