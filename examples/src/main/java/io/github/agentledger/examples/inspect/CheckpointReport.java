package io.github.agentledger.examples.inspect;

import io.github.agentledger.checkpoint.ArchivedGeneration;
import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointListEntry;
import io.github.agentledger.checkpoint.CheckpointStore;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.SessionContent;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.TranscriptNotAvailable;
import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import io.github.agentledger.checkpoint.jgit.JGitCheckpointStore;
import io.github.agentledger.checkpoint.jgit.UnreadCheckpointRef;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Prints the checkpoints of one repository, layout by layout, through the stores' public API
 * only. Read-only. Not thread-safe.
 */
final class CheckpointReport {
  static final int TRANSCRIPT_HEAD_LINES = 3;
  static final int LINE_WIDTH = 120;

  private final Repository repository;
  private final PrintStream out;
  private final List<Layout> layouts;

  CheckpointReport(Repository repository, PrintStream out) {
    this.repository = repository;
    this.out = out;
    this.layouts = List.of(
        new Layout("v2", CheckpointLayout.V2, List.of(EntireRefs.V2_MAIN)),
        new Layout("v1", CheckpointLayout.V1,
            List.of(EntireRefs.V1_BRANCH, EntireRefs.V1_REMOTE_TRACKING)));
  }

  void list() throws IOException {
    out.println("repository " + repository.getDirectory());
    listGitRefs();
    for (Layout layout : layouts) {
      Optional<String> ref = layout.presentRef(repository);
      if (ref.isEmpty()) {
        out.println(layout.name() + ": no " + layout.refs().get(0));
        continue;
      }
      List<CheckpointListEntry> entries = layout.store(repository).list();
      out.println(layout.name() + " " + ref.get() + ": " + plural(entries.size(), "checkpoint"));
      for (CheckpointListEntry entry : entries) {
        out.println("  " + entry.checkpointId() + "  " + line(entry));
      }
    }
    EntireRefs.otherCheckpointRefs(repository, layouts.stream()
        .flatMap(layout -> layout.refs().stream()).toList())
        .forEach(name -> out.println("not read: " + name));
  }

  /**
   * The git-refs layout: one line per checkpoint that has a ref of its own, then every ref of the
   * namespace that is not read, with the store's reason.
   */
  private void listGitRefs() throws IOException {
    List<String> names = EntireRefs.gitRefs(repository);
    if (names.isEmpty()) {
      out.println("git-refs: no refs under " + EntireRefs.GIT_REFS_PREFIX + "<shard>/<id>");
      return;
    }
    JGitCheckpointStore store = gitRefsStore();
    List<UnreadCheckpointRef> unread = store.unreadCheckpointRefs();
    Set<String> unreadNames = new HashSet<>();
    unread.forEach(u -> unreadNames.add(u.ref()));
    Set<CheckpointId> withRef = new HashSet<>();
    for (String name : names) {
      if (!unreadNames.contains(name)) {
        withRef.add(CheckpointId.parse(name.substring(name.lastIndexOf('/') + 1)));
      }
    }
    List<CheckpointListEntry> entries = store.list().stream()
        .filter(e -> withRef.contains(e.checkpointId())).toList();
    out.println("git-refs " + EntireRefs.GIT_REFS_PREFIX + "<shard>/<id>: "
        + plural(entries.size(), "checkpoint"));
    for (CheckpointListEntry entry : entries) {
      out.println("  " + entry.checkpointId() + "  " + line(entry) + "  "
          + kind(entry.checkpointId()));
    }
    unread.forEach(u -> out.println("not read: " + u.ref() + " (" + u.reason() + ")"));
  }

  private static String kind(CheckpointId id) {
    return id.ulidTime().map(t -> "(ULID, minted " + t + ")").orElse("(hex id)");
  }

  private static String line(CheckpointListEntry entry) {
    return entry.createdAt().map(Object::toString).orElse("(time unreadable)")
        + "  " + plural(entry.sessionCount(), "session")
        + "  " + (entry.agent().isEmpty() ? "(agent unknown)" : entry.agent())
        + "  files " + entry.filesTouched();
  }

  private JGitCheckpointStore gitRefsStore() {
    return JGitCheckpointStore.builder(repository).layout(CheckpointLayout.GIT_REFS).build();
  }

  int show(CheckpointId id, PrintStream err) throws IOException {
    boolean found = showGitRef(id);
    for (Layout layout : layouts) {
      Optional<String> ref = layout.presentRef(repository);
      if (ref.isEmpty()) {
        continue;
      }
      CheckpointStore store = layout.store(repository);
      Optional<CheckpointSummary> summary = store.readSummary(id);
      if (summary.isEmpty()) {
        continue;
      }
      if (found) {
        out.println("also stored in " + layout.name() + " (" + ref.get() + ")");
        continue;
      }
      found = true;
      printSummary(layout.name() + ", " + ref.get(), summary.get());
      for (SessionPaths paths : summary.get().sessions()) {
        try {
          Optional<SessionContent> session = store.readSession(id, paths.slot());
          if (session.isEmpty()) {
            out.println("  session " + paths.slot() + ": no such slot directory");
          } else {
            printSession(session.get());
          }
        } catch (CheckpointException e) {
          out.println("  session " + paths.slot() + ": unreadable: " + e.getMessage());
        }
      }
      store.checkpointAuthor(id).ifPresent(author ->
          out.println("  written by " + author.name() + " <" + author.email() + ">"));
      List<LinkingCommits.Link> links = LinkingCommits.of(repository, id);
      out.println("  linked from " + plural(links.size(), "code commit")
          + (links.isEmpty() ? "" : ":"));
      links.forEach(link -> out.println("    " + link.commit().substring(0, 12) + " "
          + cut(link.subject())));
    }
    if (!found) {
      err.println("inspect: checkpoint " + id + " not found in " + repository.getDirectory());
      return 1;
    }
    return 0;
  }

  /**
   * Shows a checkpoint that has a git-refs ref, and explains where it lives: the ref, the id's
   * kind (and a ULID's time), and the ref's own history.
   *
   * @return whether it has such a ref
   */
  private boolean showGitRef(CheckpointId id) throws IOException {
    Optional<String> ref = EntireRefs.gitRef(repository, id);
    if (ref.isEmpty()) {
      return false;
    }
    JGitCheckpointStore store = gitRefsStore();
    Optional<CheckpointSummary> summary = store.readSummary(id);
    if (summary.isEmpty()) {
      return false;
    }
    printSummary("git-refs, " + ref.get(), summary.get());
    out.println("  explained: one ref of its own, " + ref.get() + "; shard = the id's last two"
        + " characters; " + kind(id) + "; " + history(ref.get()));
    for (int slot = 0; slot < summary.get().sessions().size(); slot++) {
      Optional<SessionContent> session = store.readSession(id, slot);
      if (session.isEmpty()) {
        out.println("  session " + slot + ": unreadable");
      } else {
        printSession(session.get());
      }
    }
    store.checkpointAuthor(id).ifPresent(author ->
        out.println("  written by " + author.name() + " <" + author.email() + ">"));
    return true;
  }

  /** {@return how many commits the ref's own history holds, and how it starts} */
  private String history(String ref) throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      walk.markStart(walk.parseCommit(repository.exactRef(ref).getObjectId()));
      int count = 0;
      boolean orphanStart = false;
      for (RevCommit commit : walk) {
        count++;
        orphanStart = commit.getParentCount() == 0;
      }
      return "history of " + plural(count, "commit")
          + (orphanStart ? ", starting from an orphan commit" : "");
    }
  }

  void generations() {
    JGitCheckpointStore v2 = JGitCheckpointStore.builder(repository)
        .layout(CheckpointLayout.V2).build();
    List<ArchivedGeneration> archived = v2.archivedGenerations();
    Optional<GenerationMetadata> current = v2.currentGeneration();
    if (archived.isEmpty() && current.isEmpty()) {
      out.println("v2: no generations (no refs under " + EntireRefs.V2_FULL_PREFIX + ")");
      return;
    }
    out.println("v2 generations:");
    for (ArchivedGeneration generation : archived) {
      out.println("  " + String.format("%013d", generation.number()) + "  "
          + describe(generation.metadata()));
    }
    current.ifPresent(metadata -> out.println("  current        " + describe(metadata)));
  }

  private static String describe(GenerationMetadata generation) {
    return plural(generation.checkpoints().size(), "checkpoint")
        + generation.oldestCheckpointAt().map(at -> ", " + at).orElse("")
        + generation.newestCheckpointAt().map(at -> " .. " + at).orElse("")
        + (generation.checkpoints().isEmpty() ? "" : "  " + generation.checkpoints());
  }

  private void printSummary(String layout, CheckpointSummary summary) {
    out.println("checkpoint " + summary.checkpointId() + " (" + layout + ")");
    out.println("  strategy " + summary.strategy()
        + (summary.branch().isEmpty() ? "" : ", branch " + summary.branch())
        + ", " + plural(summary.checkpointsCount(), "step") + ", "
        + plural(summary.sessions().size(), "session")
        + (summary.cliVersion().isEmpty() ? "" : ", cli " + summary.cliVersion())
        + (summary.hasReview() ? ", reviewed" : ""));
    out.println("  files " + summary.filesTouched());
    summary.tokenUsage().ifPresent(tokens -> out.println("  tokens: input "
        + tokens.inputTokens() + ", output " + tokens.outputTokens() + ", cache read "
        + tokens.cacheReadTokens() + ", cache creation " + tokens.cacheCreationTokens()
        + ", api calls " + tokens.apiCallCount()));
  }

  private void printSession(SessionContent session) {
    SessionMetadata metadata = session.metadata();
    out.println("  session " + session.sessionIndex() + ": " + metadata.sessionId()
        + ", created " + metadata.createdAt()
        + (metadata.agent().isEmpty() ? "" : ", agent " + metadata.agent())
        + (metadata.model().isEmpty() ? "" : ", model " + metadata.model()));
    out.println("    " + plural(metadata.checkpointsCount(), "step")
        + metadata.tokenUsage().map(tokens -> ", tokens: input " + tokens.inputTokens()
            + ", output " + tokens.outputTokens() + ", cache read " + tokens.cacheReadTokens()
            + ", cache creation " + tokens.cacheCreationTokens() + ", api calls "
            + tokens.apiCallCount()).orElse(", tokens unknown"));
    metadata.summary().ifPresent(summary ->
        out.println("    summary: " + cut(summary.intent()) + " -> " + cut(summary.outcome())));
    out.println("    context.md: " + session.context()
        .map(text -> "present, " + text.lines().count() + " lines").orElse("none"));
    out.println("    prompts (" + session.prompts().size() + "):");
    session.prompts().forEach(prompt -> out.println("      - " + cut(prompt)));
    if (session.transcriptNotAvailable().isPresent()) {
      TranscriptNotAvailable missing = session.transcriptNotAvailable().get();
      out.println("    transcript: not available locally (" + missing.path() + ", object "
          + missing.blob() + ")");
      return;
    }
    String transcript = session.transcript().utf8();
    List<String> lines = transcript.lines().toList();
    out.println("    transcript: " + lines.size() + " lines, " + session.transcript().size()
        + " bytes" + (lines.isEmpty() ? "" : "; head:"));
    lines.stream().limit(TRANSCRIPT_HEAD_LINES).forEach(line -> out.println("      " + cut(line)));
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  static String cut(String text) {
    String oneLine = text.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= LINE_WIDTH ? oneLine : oneLine.substring(0, LINE_WIDTH) + "…";
  }

  /** A layout the report reads, the refs that hold it, and how to open its store. */
  private record Layout(String name, CheckpointLayout layout, List<String> refs) {
    Optional<String> presentRef(Repository repository) throws IOException {
      for (String ref : refs) {
        if (repository.exactRef(ref) != null) {
          return Optional.of(ref);
        }
      }
      return Optional.empty();
    }

    CheckpointStore store(Repository repository) {
      return JGitCheckpointStore.builder(repository).layout(layout).build();
    }
  }
}
