package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.contract.CheckpointStoreContract;
import io.github.agentledger.checkpoint.CommitId;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class OnDiskV1StoreContractTest extends CheckpointStoreContract {
  @TempDir
  Path dir;

  private Repository repository;

  @Override
  protected CheckpointStore newStore() {
    repository = TestRepos.onDisk(dir);
    return TestRepos.store(repository).build();
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
