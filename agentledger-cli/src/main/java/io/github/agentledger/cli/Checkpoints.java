package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.CommitId;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.jspecify.annotations.Nullable;

/**
 * {@code agentledger checkpoints}: list, show, explain, generations and verify. Read-only except
 * {@code verify --fix}. The JSON shapes are in {@code docs/cli.md}. The subcommands are added by
 * {@link AgentLedger#commandLine}, only the one that runs when the command line names it.
 */
@Command(name = "checkpoints", mixinStandardHelpOptions = true, addMethodSubcommands = false,
    description = "Checkpoints stored in a git repository (v1, v2, dual-write, git-refs).")
final class Checkpoints {
  @Spec
  private CommandSpec spec;

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every checkpoint, per layout, newest first.")
  int list(@Mixin RepoOptions repo, @Mixin OutputOptions output) throws IOException {
    return listing(repo, output);
  }

  /** {@code list} itself, for picocli's method above and for {@link FastPath}. */
  static int listing(RepoOptions repo, OutputOptions output) throws IOException {
    try (Repository repository = repo.open()) {
      List<LayoutView> views = repo.views(repository);
      List<Object> rows = new ArrayList<>();
      List<Object> problems = new ArrayList<>();
      output.line("repository " + Terminal.safe(repository.getDirectory().toString()));
      if (views.isEmpty()) {
        output.line("no checkpoint refs");
      }
      for (LayoutView view : views) {
        List<CheckpointListEntry> entries;
        try {
          entries = view.store().list();
        } catch (CheckpointStorageException e) {
          throw e;
        } catch (CheckpointException e) {
          problems.add(problem(view.name(), e.getMessage()));
          output.line(view.name() + ": cannot be listed: " + Terminal.safe(String.valueOf(e.getMessage())));
          continue;
        }
        output.line(view.name() + ": " + Report.plural(entries.size(), "checkpoint"));
        for (CheckpointListEntry entry : entries) {
          rows.add(Report.entry(view.name(), entry));
          output.line("  " + entry.checkpointId() + "  "
              + entry.createdAt().map(Object::toString).orElse("(time unreadable)")
              + "  " + Report.plural(entry.sessionCount(), "session")
              + "  " + (entry.agent().isEmpty() ? "(agent unknown)" : Terminal.safe(entry.agent()))
              + "  files " + Terminal.cut(String.join(", ", entry.filesTouched()), 80));
        }
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("repository", repository.getDirectory().toString());
      json.put("layouts", views.stream().map(LayoutView::name).toList());
      json.put("checkpoints", rows);
      json.put("problems", problems);
      output.json(json);
      return problems.isEmpty() ? Exit.OK : Exit.PROBLEM;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "One checkpoint: summary, sessions, prompts, transcript; says what is"
          + " missing instead of stopping.")
  int show(@Parameters(paramLabel = "ID", description = "A checkpoint id or an unambiguous"
          + " prefix of one.") String typed,
      @Option(names = "--transcript-lines", defaultValue = "3", paramLabel = "N",
          description = "Transcript lines to print per session (human output). Default: 3.")
          int headLines,
      @Option(names = "--sessions", defaultValue = "20", paramLabel = "N",
          description = "Sessions to read and show per layout, the first N the summary names;"
              + " the others are counted, not read. Default: 20.") int maxSessions,
      @Mixin RepoOptions repo, @Mixin OutputOptions output) throws IOException {
    return show(typed, headLines, maxSessions, repo, output,
        message -> new ParameterException(spec.commandLine(), message));
  }

  /** {@code show} itself, for picocli's method above and for {@link FastPath}. */
  static int show(String typed, int headLines, int maxSessions, RepoOptions repo,
      OutputOptions output, Function<String, RuntimeException> usageError) throws IOException {
    try (Repository repository = repo.open()) {
      List<LayoutView> views = repo.views(repository);
      CheckpointId id = CheckpointIds.resolve(typed, views, usageError);
      CheckpointShow show = new CheckpointShow(output, Math.max(0, headLines),
          Math.max(0, maxSessions));
      return show.show(id, views);
    }
  }

  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = "The checkpoints a code commit links to through its Entire-Checkpoint"
          + " trailers, and where each is stored.")
  int explain(@Parameters(paramLabel = "COMMIT", description = "A commit (any revision git"
          + " accepts: HEAD, a branch, a hash prefix).") String revision,
      @Mixin RepoOptions repo, @Mixin OutputOptions output) throws IOException {
    try (Repository repository = repo.open()) {
      ObjectId objectId = repository.resolve(revision + "^{commit}");
      if (objectId == null) {
        throw new CheckpointIds.NotFoundException("no commit '" + revision + "' in "
            + repository.getDirectory());
      }
      String subject;
      try (RevWalk walk = new RevWalk(repository)) {
        RevCommit commit = walk.parseCommit(objectId);
        subject = commit.getShortMessage();
      }
      List<LayoutView> views = repo.views(repository);
      JGitCheckpointStore trailerReader = views.isEmpty()
          ? new LayoutView(CheckpointLayout.V1, repository).store() : views.get(0).store();
      List<CheckpointId> linked = trailerReader.linkedCheckpoints(CommitId.parse(objectId.name()));
      output.line("commit " + objectId.name() + " " + Terminal.safe(subject));
      if (linked.isEmpty()) {
        output.line("  no Entire-Checkpoint trailer");
      }
      List<Object> rows = new ArrayList<>();
      boolean allFound = !linked.isEmpty();
      for (CheckpointId id : linked) {
        List<String> foundIn = new ArrayList<>();
        List<Object> problems = new ArrayList<>();
        for (LayoutView view : views) {
          try {
            if (view.store().readSummary(id).isPresent()) {
              foundIn.add(view.name());
            }
          } catch (CheckpointException e) {
            problems.add(problem(view.name(), e.getMessage()));
          }
        }
        allFound &= !foundIn.isEmpty() && problems.isEmpty();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id.value());
        row.put("found_in", foundIn);
        row.put("problems", problems);
        rows.add(row);
        output.line("  checkpoint " + id + ": "
            + (foundIn.isEmpty() ? "not stored in any layout read" : "in " + foundIn)
            + (problems.isEmpty() ? "" : ", unreadable: " + Terminal.safe(problems.toString())));
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("commit", objectId.name());
      json.put("subject", subject);
      json.put("checkpoints", rows);
      output.json(json);
      return allFound ? Exit.OK : Exit.PROBLEM;
    }
  }

  @Command(name = "generations", mixinStandardHelpOptions = true,
      description = "The v2 raw-transcript generations: archives and the current one.")
  int generations(@Mixin RepoOptions repo, @Mixin OutputOptions output) throws IOException {
    try (Repository repository = repo.open()) {
      JGitCheckpointStore v2 = new LayoutView(CheckpointLayout.V2, repository).store();
      List<ArchivedGeneration> archived = v2.archivedGenerations();
      Optional<GenerationMetadata> current = v2.currentGeneration();
      List<Object> rows = new ArrayList<>();
      if (archived.isEmpty() && current.isEmpty()) {
        output.line("no v2 generations (no refs under " + CheckpointRefs.V2_FULL_PREFIX + ")");
      }
      for (ArchivedGeneration generation : archived) {
        rows.add(Report.generation(String.format("%013d", generation.number()),
            generation.metadata()));
        output.line(String.format("%013d", generation.number()) + "  "
            + Report.describe(generation.metadata()));
      }
      current.ifPresent(metadata ->
          output.line("current        " + Report.describe(metadata)));
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("archived", rows);
      json.put("current", current.map(metadata -> Report.generation("current", metadata)));
      output.json(json);
      return Exit.OK;
    }
  }

  static Map<String, Object> problem(String where, @Nullable String message) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("where", where);
    problem.put("message", String.valueOf(message));
    return problem;
  }
}
