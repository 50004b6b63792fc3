package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.contract.CheckpointStoreContract;
import org.eclipse.jgit.lib.Repository;

class InMemoryGitRefsStoreContractTest extends CheckpointStoreContract {
  private Repository repository;

  @Override
  protected CheckpointStore newStore() {
    repository = TestRepos.inMemory();
    return TestRepos.store(repository).layout(CheckpointLayout.GIT_REFS).build();
  }

  @Override
  protected CommitId commitCode(String message) {
    return TestRepos.commit(repository, message);
  }
}
