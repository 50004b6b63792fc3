package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.contract.CheckpointStoreContract;
import org.eclipse.jgit.lib.Repository;

/** The store contract for {@link CheckpointLayout#DUAL_WRITE}, with rotation every 3 checkpoints. */
class InMemoryDualWriteStoreContractTest extends CheckpointStoreContract {
  private Repository repository;

  @Override
  protected CheckpointStore newStore() {
    repository = TestRepos.inMemory();
    return TestRepos.store(repository).layout(CheckpointLayout.DUAL_WRITE)
        .maxCheckpointsPerGeneration(3).build();
  }

  @Override
  protected boolean summaryNamesRawTranscript() {
    return false;
  }

  @Override
  protected CommitId commitCode(String message) {
    return TestRepos.commit(repository, message);
  }
}
