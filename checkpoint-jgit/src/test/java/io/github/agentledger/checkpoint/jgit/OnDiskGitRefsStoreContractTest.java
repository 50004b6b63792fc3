package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.contract.CheckpointStoreContract;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract on disk, where every write also goes through the push queue. */
class OnDiskGitRefsStoreContractTest extends CheckpointStoreContract {
  @TempDir
  Path dir;

  private Repository repository;

  @Override
  protected CheckpointStore newStore() {
    repository = TestRepos.onDisk(dir);
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
