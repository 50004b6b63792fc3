package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.contract.CheckpointStoreContract;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract for {@link CheckpointLayout#V2} on disk, rotating every 2 checkpoints. */
class OnDiskV2StoreContractTest extends CheckpointStoreContract {
  @TempDir
  Path dir;

  private Repository repository;

  @Override
  protected CheckpointStore newStore() {
    repository = TestRepos.onDisk(dir);
    return TestRepos.store(repository).layout(CheckpointLayout.V2)
        .maxCheckpointsPerGeneration(2).build();
  }

  @Override
  protected boolean summaryNamesRawTranscript() {
    return false;
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
