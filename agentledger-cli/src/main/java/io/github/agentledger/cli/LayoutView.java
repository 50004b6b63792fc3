package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
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
    // No redactor: the command never hands new text to the store (verify --fix re-aggregates
    // what is stored; sync moves refs), and building the default one is start-up time that a
    // read never uses.
    this.store = JGitCheckpointStore.builder(repository).layout(layout)
        .redactor(Redactor.none()).build();
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
