package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.contract.CheckpointStoreContract;
import org.eclipse.jgit.lib.Repository;

/** The store contract for {@link CheckpointLayout#V2_ONLY}, with rotation every 3 checkpoints. */
class InMemoryV2OnlyStoreContractTest extends CheckpointStoreContract {
  private Repository repository;

  @Override
  protected CheckpointStore newStore() {
    repository = TestRepos.inMemory();
    return TestRepos.store(repository).layout(CheckpointLayout.V2_ONLY)
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
