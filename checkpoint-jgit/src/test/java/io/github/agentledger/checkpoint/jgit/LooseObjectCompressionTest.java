package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every layout's writes land as loose objects deflated at git's loose-object level (1 unless the
 * repository says otherwise), that {@code git fsck} finds clean and {@code git} reads back, in a
 * repository made by {@code git init} whose configuration the store never writes.
 */
class LooseObjectCompressionTest {
  static final AgentSessionId S = AgentSessionId.of("session-001");

  @TempDir Path dir;

  private Repository gitInit(String... config) {
    GitProcess.ok(dir, "init", "-q");
    for (int i = 0; i < config.length; i += 2) {
      GitProcess.ok(dir, "config", config[i], config[i + 1]);
    }
    try {
      return new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CheckpointId idFor(CheckpointLayout layout) {
    return layout == CheckpointLayout.GIT_REFS
        ? CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZN")
        : CheckpointId.parse("a3b2c4d5e6f7");
  }

  /** A transcript large and repetitive enough that zlib levels differ in their headers. */
  private static byte[] transcript() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      text.append("{\"type\":\"user\",\"n\":").append(i).append(",\"text\":\"line ").append(i)
          .append(" of the agent's conversation\"}\n");
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void write(Repository repository, CheckpointLayout layout) {
    JGitCheckpointStore store = TestRepos.store(repository).layout(layout)
        .redactor(Redactor.none()).build();
    store.write(V2LayoutTest.request(idFor(layout), S).transcript(Transcript.of(transcript()))
        .prompts(List.of("do the thing")).build());
  }

  private List<Path> looseObjects() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve(".git/objects"))) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}"))
          .toList();
    }
  }

  /** zlib's second header byte carries the level class: 0x01 for levels 0–1, 0xDA for 7–9. */
  private static int levelByte(Path object) throws IOException {
    byte[] bytes = Files.readAllBytes(object);
    assertThat(bytes[0] & 0xff).as("zlib method byte of %s", object).isEqualTo(0x78);
    return bytes[1] & 0xff;
  }

  @ParameterizedTest
  @EnumSource(CheckpointLayout.class)
  void writesLooseObjectsAtLevelOneThatGitFsckFindsCleanAndNeverTouchesTheConfig(
      CheckpointLayout layout) throws IOException {
    byte[] configBefore;
    try (Repository repository = gitInit()) {
      configBefore = Files.readAllBytes(dir.resolve(".git/config"));
      write(repository, layout);
    }

    List<Path> objects = looseObjects();
    assertThat(objects).hasSizeGreaterThan(4);
    for (Path object : objects) {
      assertThat(levelByte(object)).as("level of %s", object).isEqualTo(0x01);
      assertThat(Files.getPosixFilePermissions(object)).doesNotContain(
          PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_WRITE);
    }
    GitProcess.Result fsck = GitProcess.run(dir, "fsck", "--strict", "--no-dangling");
    assertThat(fsck.exitCode()).as(fsck.stderr()).isZero();
    // Only the unborn HEAD of a fresh `git init` may be noticed: no error, warning or garbage.
    assertThat(fsck.stderr().lines()).allMatch(line -> line.startsWith("notice: HEAD points"));
    assertThat(Files.readAllBytes(dir.resolve(".git/config"))).isEqualTo(configBefore);
    try (Stream<Path> top = Files.list(dir.resolve(".git/objects"))) {
      assertThat(top.map(p -> p.getFileName().toString()))
          .as("no temporary object is left behind").noneMatch(name -> name.startsWith("tmp_"));
    }
  }

  @Test
  void gitReadsBackTheTranscriptBlobByteForByte() throws IOException {
    try (Repository repository = gitInit()) {
      write(repository, CheckpointLayout.V1);
    }
    String path = "a3/b2c4d5e6f7/0/full.jsonl";
    String stored = GitProcess.ok(dir, "cat-file", "blob",
        "refs/heads/entire/checkpoints/v1:" + path);
    assertThat(stored.getBytes(StandardCharsets.UTF_8)).isEqualTo(transcript());
  }

  @Test
  void followsTheRepositorysLooseCompressionAsGitDoes() throws IOException {
    try (Repository repository = gitInit("core.compression", "1", "core.looseCompression", "9")) {
      write(repository, CheckpointLayout.V1);
    }
    List<Integer> levels = new ArrayList<>();
    for (Path object : looseObjects()) {
      levels.add(levelByte(object));
    }
    assertThat(levels).containsOnly(0xDA);
    assertThat(GitProcess.run(dir, "fsck", "--strict").exitCode()).isZero();
  }

  @Test
  void fallsBackToCoreCompressionWhenLooseCompressionIsUnset() throws IOException {
    try (Repository repository = gitInit("core.compression", "9")) {
      write(repository, CheckpointLayout.V1);
    }
    for (Path object : looseObjects()) {
      assertThat(levelByte(object)).isEqualTo(0xDA);
    }
  }
}
