package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.contract.CheckpointStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.jgit.internal.storage.file.FileReftableDatabase;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on an on-disk repository whose refs live in a reftable
 * ({@code extensions.refStorage = reftable}, JGit's {@code FileReftableDatabase}) instead of
 * loose files and {@code packed-refs}: the git-refs layout's one ref per checkpoint, its
 * compare-and-swap and its listing by prefix hold there too (issue 14 item 5).
 */
class ReftableGitRefsStoreContractTest extends CheckpointStoreContract {
  @TempDir
  Path dir;

  private Repository repository;

  /** {@return a new on-disk repository converted to reftable, as JGit converts one} */
  static Repository reftableRepository(Path dir) {
    Repository created = TestRepos.onDisk(dir);
    try {
      ((FileRepository) created).convertRefStorage("reftable", false, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    created.close();
    Repository reopened = TestRepos.openOnDisk(dir);
    assertThat(reopened.getRefDatabase()).isInstanceOf(FileReftableDatabase.class);
    return reopened;
  }

  @Override
  protected CheckpointStore newStore() {
    repository = reftableRepository(dir);
    return TestRepos.store(repository).layout(CheckpointLayout.GIT_REFS).build();
  }

  @Override
  protected CommitId commitCode(String message) {
    return TestRepos.commit(repository, message);
  }

  @AfterEach
  void close() {
    repository.close();
  }
}
