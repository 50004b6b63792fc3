package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.UnsupportedRepositoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JGitCheckpointStore#open(Path)}: finds the repository as git does, and owns it. */
class OpenByPathTest {
  @TempDir Path dir;

  @Test
  void aStoreOpensFromADirectoryInsideAWorkTreeAndReadsWhatGitSees() throws Exception {
    GitProcess.ok(dir, "init", "-q", "--object-format=sha1");
    Path nested = Files.createDirectories(dir.resolve("src/main"));

    try (JGitCheckpointStore store = JGitCheckpointStore.open(nested)) {
      assertThat(store.layout()).isEqualTo(CheckpointLayout.V1);
      assertThat(store.list()).isEmpty();
    }
    assertThat(GitProcess.ok(dir, "for-each-ref")).isEmpty();
  }

  @Test
  void aDirectoryOutsideAnyRepositoryIsRefusedNamingIt() {
    Path plain = dir.resolve("plain");

    assertThatThrownBy(() -> JGitCheckpointStore.open(plain))
        .isInstanceOf(UnsupportedRepositoryException.class)
        .hasMessageContaining("no git repository")
        .hasMessageContaining(plain.toString());
  }
}
