package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.contract.CheckpointStoreContract;
import io.github.agentledger.checkpoint.CommitId;
import org.eclipse.jgit.lib.Repository;

class InMemoryV1StoreContractTest extends CheckpointStoreContract {
  private Repository repository;

  @Override
  protected CheckpointStore newStore() {
    repository = TestRepos.inMemory();
    return TestRepos.store(repository).build();
  }

  @Override
  protected CommitId commitCode(String message) {
    return TestRepos.commit(repository, message);
  }
}
