package io.github.agentledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the launcher script ({@code src/main/dist/agentledger}, what the build copies next to
 * {@code agentledger.jar}) under {@code sh}, with {@code JAVA} naming a stand-in that writes the
 * arguments it was given, one per line, and checks the JVM command line it builds.
 */
class LauncherTest {
  private static final Path SCRIPT = Path.of("src/main/dist/agentledger");
  private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  @TempDir Path dir;
  private Path install;
  private Path fakeJava;
  private Path recorded;

  @BeforeEach
  void setUp() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    install = dir.resolve("install");
    Files.createDirectories(install);
    Files.copy(SCRIPT, install.resolve("agentledger"));
    Files.writeString(install.resolve("agentledger.jar"), "not read by the stand-in");
    recorded = dir.resolve("args.txt");
    fakeJava = dir.resolve("java");
    Files.writeString(fakeJava, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '"
        + recorded + "'\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private List<String> launch(Path launcher, String javaOpts, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JAVA", fakeJava.toString());
    builder.environment().put("AGENTLEDGER_JAVA_OPTS", javaOpts);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return Files.readAllLines(recorded);
  }

  /** {@return whether this kernel gives transparent huge pages only on request} */
  private static boolean hugePagesOnRequest() throws IOException {
    return Files.isReadable(THP) && Files.readString(THP).contains("[madvise]");
  }

  @Test
  void runsTheJarNextToItWithTheArgumentsAsGiven() throws Exception {
    List<String> args = launch(install.resolve("agentledger"), "", "checkpoints", "list",
        "--repo", "a dir with spaces");

    int jar = args.indexOf("-jar");
    assertThat(jar).isPositive();
    assertThat(Path.of(args.get(jar + 1)).toRealPath())
        .isEqualTo(install.resolve("agentledger.jar").toRealPath());
    assertThat(args.subList(jar + 2, args.size()))
        .containsExactly("checkpoints", "list", "--repo", "a dir with spaces");
    assertThat(args).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
  }

  @Test
  void followsALinkToFindItsJar() throws Exception {
    Path bin = dir.resolve("bin");
    Files.createDirectories(bin);
    Path link = Files.createSymbolicLink(bin.resolve("agentledger"),
        install.resolve("agentledger"));

    List<String> args = launch(link, "", "--version");

    assertThat(Path.of(args.get(args.indexOf("-jar") + 1)).toRealPath())
        .isEqualTo(install.resolve("agentledger.jar").toRealPath());
  }

  @Test
  void usesTheClassDataArchiveOnlyWhenOneIsInstalled() throws Exception {
    assertThat(launch(install.resolve("agentledger"), "", "--version"))
        .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"));

    Files.writeString(install.resolve("agentledger.jsa"), "archive");
    List<String> args = launch(install.resolve("agentledger"), "", "--version");

    assertThat(args).anyMatch(arg -> arg.startsWith("-XX:SharedArchiveFile=")
        && arg.endsWith("/agentledger.jsa"));
    assertThat(args).contains("-Xshare:auto");
  }

  @Test
  void asksForTransparentHugePagesExactlyWhereTheKernelGivesThemOnRequest() throws Exception {
    List<String> args = launch(install.resolve("agentledger"), "", "--version");

    assertThat(args.contains("-XX:+UseTransparentHugePages")).isEqualTo(hugePagesOnRequest());
  }

  @Test
  void optionsFromTheEnvironmentComeAfterTheLaunchersOwnSoTheyWin() throws Exception {
    List<String> args = launch(install.resolve("agentledger"),
        "-XX:-UseTransparentHugePages -Xmx64m", "--version");

    int own = args.indexOf("-XX:+UseSerialGC");
    int given = args.indexOf("-XX:-UseTransparentHugePages");
    assertThat(own).isNotNegative();
    assertThat(given).isGreaterThan(own);
    assertThat(args.indexOf("-Xmx64m")).isGreaterThan(given).isLessThan(args.indexOf("-jar"));
    if (hugePagesOnRequest()) {
      assertThat(given).isGreaterThan(args.indexOf("-XX:+UseTransparentHugePages"));
    }
  }
}
