package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointNotFoundException;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.CorruptCheckpointException;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.SessionSummary;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.UpdateRequest;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.PushQueue;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.Commits;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.SummaryJson;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.internal.ContentHash;
import io.github.agentledger.checkpoint.jgit.internal.Prompts;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/**
 * Writes, finalises and summarises checkpoints of the git-refs layout (docs/git-refs-layout.md): one ref per
 * checkpoint whose commit tree is the checkpoint directory. The first write is an orphan commit,
 * every later one a child of the tip it read; each is one compare-and-swap through
 * {@link RefCas}, retried from a fresh read of the tip. The slot rules, summary aggregation and
 * file layout inside the directory are v1's, with summary paths spelled from the ref's root
 * ({@code /0/metadata.json}). The loop is {@link CheckpointEdits#editAtRoot}. When a {@link PushQueue} is given, the ref is queued before the
 * compare-and-swap (so a crash right after it still leaves the ref queued) and again after it (so
 * a push that confirmed the previous tip in between cannot drop the new one). Thread-safe.
 */
final class GitRefsWrites {
  private final Repository repository;
  private final StoreSettings settings;
  private final CheckpointEdits edits;
  private final GitRefs refs;
  private final Optional<PushQueue> queue;
  private final System.Logger logger;

  GitRefsWrites(Repository repository, StoreSettings settings, RefCas refCas, GitRefs refs,
      Optional<PushQueue> queue, System.Logger logger) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.edits = new CheckpointEdits(repository, settings, refCas);
    this.refs = Objects.requireNonNull(refs, "refs");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  /** Writes one session slot and re-aggregates the summary; returns the slot. */
  int write(WriteRequest request, SessionBlobs blobs) {
    CheckpointId id = request.checkpointId();
    Author author = request.author().orElseGet(() -> Commits.configuredAuthor(repository));
    String ref = refs.refForWrite(id);
    return queued(ref, () -> edits.editAtRoot(ref, id, author, edit -> {
      CheckpointDirectory dir = checked(edit, ref);
      int slot = MetadataRefWrites.writeSlotInto(edit, dir, request, blobs,
          Optional.of(TranscriptNames.SEED), settings.cliVersion()).slot();
      return CheckpointEdits.Edited.commit(V1Messages.checkpoint(request), slot);
    }));
  }

  /**
   * Finalises one slot: replaces its prompts (when given) and its transcript (when given and its
   * hash differs). Always commits.
   *
   * @throws CheckpointNotFoundException when the checkpoint has no ref or no session
   */
  void update(UpdateRequest request, List<String> prompts, Transcript transcript) {
    CheckpointId id = request.checkpointId();
    String ref = requireRef(id);
    String newHash = transcript.isEmpty() ? "" : ContentHash.of(transcript.bytes());
    Author author = Commits.configuredAuthor(repository);
    TranscriptNames names = TranscriptNames.SEED;
    queued(ref, () -> edits.editAtRoot(ref, id, author, edit -> {
      CheckpointDirectory dir = checked(requireExists(edit, id, ref), ref);
      requireSessions(dir, id, ref);
      int slot = MetadataRefWrites.finaliseSlotInto(edit, dir, request, ref, prompts,
          transcript, newHash, Optional.of(names), settings);
      return CheckpointEdits.Edited.commit(V1Messages.finalizeTranscript(id), slot);
    }));
  }

  /** Sets the AI summary of the latest slot (already redacted). */
  void updateSessionSummary(CheckpointId id, SessionSummary redacted) {
    String ref = requireRef(id);
    Author author = Commits.configuredAuthor(repository);
    queued(ref, () -> edits.editAtRoot(ref, id, author, edit -> {
      CheckpointDirectory dir = checked(requireExists(edit, id, ref), ref);
      int slot = requireSessions(dir, id, ref);
      String path = CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA);
      byte[] stored = dir.readFile(path).orElseThrow(() -> new CorruptCheckpointException(
          dir.where(path), "the latest session has no metadata.json", null));
      SessionMetadata metadata = SessionMetadataJson.decode(stored, dir.where(path));
      dir.putBlob(path, Blobs.insert(edit.inserter(),
          SessionMetadataJson.withSummary(stored, redacted, dir.where(path))));
      return CheckpointEdits.Edited.commit(
          V1Messages.updateSummary(id, metadata.sessionId().value()), slot);
    }));
  }

  /**
   * Re-aggregates the checkpoint's summary from its slot directories as one commit on its ref, or
   * leaves the ref alone when nothing disagrees.
   *
   * @throws CheckpointNotFoundException when the checkpoint has no ref or no session
   */
  SummaryRepair reaggregateSummary(CheckpointId id) {
    String ref = requireRef(id);
    Author author = Commits.configuredAuthor(repository);
    return queued(ref, () -> edits.editAtRoot(ref, id, author, edit -> {
      CheckpointDirectory dir = checked(requireExists(edit, id, ref), ref);
      requireSessions(dir, id, ref);
      return MetadataRefWrites.reaggregateInto(edit, dir, ref);
    }));
  }

  /** Runs one ref move, queued for push before and after it. */
  private <T> T queued(String ref, java.util.function.Supplier<T> move) {
    queue.ifPresent(q -> q.enqueue(List.of(ref)));
    T value = move.get();
    queue.ifPresent(q -> {
      try {
        q.enqueue(List.of(ref));
      } catch (RuntimeException e) {
        // The entry queued before the move still names the ref; only a push racing this write
        // could have removed it, and that push then saw the old tip: log, never fail the write.
        logger.log(System.Logger.Level.WARNING, "checkpoint ref {0} moved but could not be queued"
            + " for push again: {1}", ref, e.getMessage());
      }
    });
    return value;
  }

  /** The attempt's directory, after checking that an existing tip is a checkpoint directory. */
  private static CheckpointDirectory checked(CheckpointEdits.Edit edit, String ref)
      throws IOException {
    if (edit.root().isPresent()) {
      GitRefs.requireCheckpointDirectory(edit.objects(), ref, edit.root().get());
    }
    return edit.directory();
  }

  private static CheckpointEdits.Edit requireExists(CheckpointEdits.Edit edit, CheckpointId id,
      String ref) {
    if (!edit.refExists()) {
      throw new CheckpointNotFoundException(id, ref, "the ref does not exist");
    }
    return edit;
  }

  private String requireRef(CheckpointId id) {
    return refs.existingRef(id).orElseThrow(() -> new CheckpointNotFoundException(id,
        RefNames.checkpointRef(id), "the ref does not exist"));
  }

  private static int requireSessions(CheckpointDirectory dir, CheckpointId id, String ref)
      throws IOException {
    if (dir.slots().isEmpty()) {
      throw new CheckpointNotFoundException(id, ref, "the checkpoint has no session slot");
    }
    return dir.slots().last();
  }
}
