package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Option;

/**
 * {@code --repo} and {@code --layout}: which repository, and which layouts of it to read. The
 * layout values are {@link CheckpointLayout#values()}, so a layout the library adds is accepted
 * (and completed) without a change here; without {@code --layout} the command reads every layout
 * whose ref is present, each on its own (a git-refs repository is read as {@code git_refs},
 * which includes the checkpoints of its v1 branch).
 */
final class RepoOptions {
  @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
      description = "The git repository (or a directory inside it). Default: the current one.")
  Path repo;

  @Option(names = "--layout", paramLabel = "LAYOUT",
      description = "Read only this layout: ${COMPLETION-CANDIDATES}. Default: every layout"
          + " present, each on its own.")
  Optional<CheckpointLayout> layout = Optional.empty();

  /** {@return options naming this directory and layout, as picocli would fill them} */
  static RepoOptions of(Path repo, Optional<CheckpointLayout> layout) {
    RepoOptions options = new RepoOptions();
    options.repo = repo;
    options.layout = layout;
    return options;
  }

  /** Opens the repository found at or above {@link #repo}, as git finds it. */
  Repository open() throws IOException {
    if (!Files.isDirectory(repo)) {
      throw new java.io.FileNotFoundException(repo + " is not a directory");
    }
    FileRepositoryBuilder builder = new FileRepositoryBuilder()
        .readEnvironment().findGitDir(repo.toAbsolutePath().toFile());
    if (builder.getGitDir() == null) {
      throw new org.eclipse.jgit.errors.RepositoryNotFoundException(repo.toFile());
    }
    return builder.setMustExist(true).build();
  }

  /** {@return the layouts to read: the chosen one, or every one whose ref is present} */
  List<LayoutView> views(Repository repository) throws IOException {
    if (layout.isPresent()) {
      return List.of(new LayoutView(layout.get(), repository));
    }
    List<LayoutView> views = new ArrayList<>();
    if (repository.exactRef(CheckpointRefs.V2_MAIN) != null) {
      views.add(new LayoutView(CheckpointLayout.V2, repository));
    }
    // A git-refs store also reads the v1 branch (hex ids fall back to it), so when both are
    // present one git_refs view lists every checkpoint once instead of v1 ones twice.
    if (CheckpointRefs.hasGitRefs(repository)) {
      views.add(new LayoutView(CheckpointLayout.GIT_REFS, repository));
    } else if (repository.exactRef(CheckpointRefs.V1) != null
        || repository.exactRef(CheckpointRefs.V1_REMOTE) != null) {
      views.add(new LayoutView(CheckpointLayout.V1, repository));
    }
    return views;
  }
}
