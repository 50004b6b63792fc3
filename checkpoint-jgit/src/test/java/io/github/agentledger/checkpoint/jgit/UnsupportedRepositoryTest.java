package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.agentledger.checkpoint.UnsupportedRepositoryException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnsupportedRepositoryTest {
  @TempDir
  Path dir;

  @Test
  void aSha256RepositoryIsRefusedAtOpenWithAClearMessage() {
    GitProcess.ok(dir, "init", "-q", "--object-format=sha256");

    try (Repository repository = TestRepos.openOnDisk(dir)) {
      assertThatThrownBy(() -> JGitCheckpointStore.builder(repository).build())
          .isInstanceOf(UnsupportedRepositoryException.class)
          .hasMessageContaining("sha256").hasMessageContaining("SHA-1")
          .hasMessageContaining(dir.resolve(".git").toString());
    }
    assertThat(GitProcess.ok(dir, "for-each-ref")).isEmpty();
  }

  @Test
  void aSha1RepositoryOpens() {
    GitProcess.ok(dir, "init", "-q", "--object-format=sha1");

    try (Repository repository = TestRepos.openOnDisk(dir)) {
      assertThat(JGitCheckpointStore.builder(repository).build().layout())
          .isEqualTo(CheckpointLayout.V1);
    }
  }
}
