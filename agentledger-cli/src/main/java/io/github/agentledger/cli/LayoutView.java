package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.util.Locale;
import org.eclipse.jgit.lib.Repository;

/**
 * One layout of a repository as the command reads it: its name in the output and a read-only use
 * of the store (the command never writes through it, except {@code verify --fix}).
 */
final class LayoutView {
  private final CheckpointLayout layout;
  private final JGitCheckpointStore store;

  LayoutView(CheckpointLayout layout, Repository repository) {
    this.layout = layout;
    this.store = JGitCheckpointStore.builder(repository).layout(layout).build();
  }

  CheckpointLayout layout() {
    return layout;
  }

  /** {@return the name in the output: the enum constant, lower case ({@code v1}, {@code dual_write})} */
  String name() {
    return layout.name().toLowerCase(Locale.ROOT);
  }

  JGitCheckpointStore store() {
    return store;
  }
}
