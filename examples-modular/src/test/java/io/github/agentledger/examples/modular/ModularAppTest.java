package io.github.agentledger.examples.modular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link ModularApp} the way a JPMS user would: a child JVM with the application and the
 * agentledger jars on the module path, started by module name. Like surefire, it leaves on the
 * class path what no named module requires (JGit's own dependencies, such as slf4j-api, which the
 * automatic module org.eclipse.jgit reads from there).
 */
class ModularAppTest {
  @TempDir
  Path dir;

  @Test
  void runsFromTheModulePathWithEveryStoreInItsNamedModule() throws Exception {
    // Surefire runs this test on the module path: the same module path (the application, the
    // agentledger modules, JGit, gson) is what the child JVM gets.
    String modulePath = System.getProperty("jdk.module.path");
    assertThat(modulePath).as("surefire's module path").isNotBlank();
    assertThat(modulePath).as("the library modules are on the module path")
        .contains("checkpoint-jgit").contains("segment-log").contains("checkpoint-api");

    Process process = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePath,
        "--class-path", System.getProperty("java.class.path"),
        "--module", "io.github.agentledger.examples.modular/"
            + "io.github.agentledger.examples.modular.ModularApp",
        dir.toString()))
        .redirectErrorStream(true)
        .start();
    process.getOutputStream().close();
    String output = read(process);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("module of JGitCheckpointStore: io.github.agentledger.jgit")
        .contains("module of JsonlSegmentStore: io.github.agentledger.segmentlog")
        .contains("module of Repository: org.eclipse.jgit")
        .contains("segment entries: 2")
        .contains("checkpoint transcript: {\"hello\":\"modules\"}");
  }

  @Test
  void runsInTheTestJvmAsANamedModuleToo() throws Exception {
    assertThat(ModularApp.class.getModule().getName())
        .isEqualTo("io.github.agentledger.examples.modular");
  }

  private static String read(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
