package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointSummary;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.SessionMetadata;
import io.github.agentledger.checkpoint.SessionPaths;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.ContentHash;
import io.github.agentledger.checkpoint.jgit.internal.GenerationJson;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.SessionMetadataJson;
import io.github.agentledger.checkpoint.jgit.internal.SummaryJson;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks;
import io.github.agentledger.checkpoint.jgit.internal.TreeFiles;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import io.github.agentledger.checkpoint.jgit.redact.Redactor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Builds v2 ref states the way the seed design's store leaves them (Decision 2), at the level of
 * refs and trees, so that sync can be tested without the v2 store: a write adds the checkpoint to
 * {@code /main} (summary, session metadata, prompt) and to {@code /full/current}
 * ({@code full.jsonl}, {@code content_hash.txt}, and the root {@code generation.json});
 * {@link #rotate} archives {@code /full/current} under the next local number and restarts it as an
 * orphan holding a seed {@code generation.json}.
 */
public final class V2RefStates {
  private V2RefStates() {}

  public static void write(Repository repository, CheckpointId id, String session, String text,
      Instant at) {
    StoreSettings settings = new StoreSettings(Clock.fixed(at, ZoneOffset.UTC),
        new SplittableRandom(1), Redactor.none(), "", TranscriptChunks.MAX_CHUNK_BYTES);
    WriteRequest request = WriteRequest.builder(id, AgentSessionId.of(session))
        .prompts(List.of("prompt " + text)).checkpointsCount(1)
        .filesTouched(List.of("src/" + text + ".txt")).build();
    update(repository, RefNames.V2_MAIN, "Checkpoint: " + id.value() + "\n", at,
        (reader, inserter, root) -> {
          CheckpointDirectory dir = CheckpointDirectory.read(reader, root, id, RefNames.V2_MAIN);
          Optional<CheckpointSummary> previous = dir.readableSummary();
          int slot = SessionSlots.forWrite(dir, request.sessionId());
          dir.clearSlot(slot);
          SessionMetadata metadata = V1Metadata.forWrite(request, settings, Redactor.none());
          byte[] metadataBytes = SessionMetadataJson.encode(metadata,
              SessionMetadataJson.LegacyStartField.OMIT);
          dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA),
              Blobs.insert(inserter, metadataBytes));
          dir.putBlob(CheckpointFiles.inSlot(slot, CheckpointFiles.PROMPT),
              Blobs.insert(inserter, ("prompt " + text).getBytes(UTF_8)));
          SessionPaths paths = new SessionPaths(
              CheckpointFiles.absolute(id, CheckpointFiles.inSlot(slot, CheckpointFiles.METADATA)),
              "", "",
              CheckpointFiles.absolute(id, CheckpointFiles.inSlot(slot, CheckpointFiles.PROMPT)));
          CheckpointSummary summary =
              SummaryAggregation.aggregate(dir, previous, slot,
                  SessionMetadataJson.decode(metadataBytes, "test"), paths, request, "");
          dir.putBlob(CheckpointFiles.METADATA,
              Blobs.insert(inserter, SummaryJson.encode(summary)));
          return dir.writeInto(inserter);
        });
    update(repository, RefNames.V2_FULL_CURRENT, "Checkpoint: " + id.value() + "\n", at,
        (reader, inserter, root) -> {
          CheckpointDirectory dir =
              CheckpointDirectory.read(reader, root, id, RefNames.V2_FULL_CURRENT);
          byte[] transcript = ("{\"text\":\"" + text + "\"}\n").getBytes(UTF_8);
          dir.putBlob("0/" + CheckpointFiles.V1_TRANSCRIPT, Blobs.insert(inserter, transcript));
          dir.putBlob("0/" + CheckpointFiles.V1_CONTENT_HASH,
              Blobs.insert(inserter, ContentHash.of(transcript).getBytes(UTF_8)));
          ObjectId tree = dir.writeInto(inserter);
          GenerationMetadata generation = generation(reader, Optional.of(tree)).orElse(
              GenerationMetadata.seed()).withCheckpoint(id, at);
          return TreeSurgery.put(reader, inserter, Optional.of(tree), CheckpointFiles.GENERATION,
              FileMode.REGULAR_FILE, Optional.of(Blobs.insert(inserter,
                  GenerationJson.encode(generation))));
        });
  }

  /** Replaces a checkpoint's slot-0 raw transcript on any {@code /full} ref (a finalisation). */
  public static void finalizeIn(Repository repository, String ref, CheckpointId id, String text,
      Instant at) {
    update(repository, ref, "Finalize checkpoint: " + id.value() + "\n", at,
        (reader, inserter, root) -> {
          CheckpointDirectory dir = CheckpointDirectory.read(reader, root, id, ref);
          byte[] transcript = ("{\"text\":\"" + text + "\"}\n").getBytes(UTF_8);
          dir.putBlob("0/" + CheckpointFiles.V1_TRANSCRIPT, Blobs.insert(inserter, transcript));
          dir.putBlob("0/" + CheckpointFiles.V1_CONTENT_HASH,
              Blobs.insert(inserter, ContentHash.of(transcript).getBytes(UTF_8)));
          return dir.writeInto(inserter);
        });
  }

  /** The slot-0 raw transcript of a checkpoint on a {@code /full} ref. */
  public static String transcript(Repository repository, String ref, CheckpointId id) {
    return RefTrees.files(repository, ref).get(id.shardedPath() + "/0/"
        + CheckpointFiles.V1_TRANSCRIPT);
  }

  /** Archives {@code /full/current} as the next local number and restarts it; returns the ref. */
  public static String rotate(Repository repository, Instant at) {
    try {
      long next = 1;
      for (String ref : SyncFixture.refs(repository, RefNames.V2_FULL_PREFIX).keySet()) {
        if (RefNames.isV2Archive(ref)) {
          long number = Long.parseLong(ref.substring(RefNames.V2_FULL_PREFIX.length()));
          next = Math.max(next, number + 1);
        }
      }
      String archive = RefNames.v2Archive(next);
      set(repository, archive, RefTrees.tipId(repository, RefNames.V2_FULL_CURRENT));
      try (ObjectInserter inserter = repository.newObjectInserter()) {
        ObjectId tree = TreeFiles.write(inserter, Map.of(CheckpointFiles.GENERATION,
            TreeFiles.FileEntry.blob(Blobs.insert(inserter,
                GenerationJson.encode(GenerationMetadata.seed())))));
        ObjectId orphan = commit(inserter, tree, Optional.empty(), "Start generation", at);
        inserter.flush();
        set(repository, RefNames.V2_FULL_CURRENT, orphan);
      }
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkpoint ids whose directories a ref's tree holds. */
  public static List<CheckpointId> checkpoints(Repository repository, String ref) {
    TreeMap<String, CheckpointId> ids = new TreeMap<>();
    for (String path : RefTrees.files(repository, ref).keySet()) {
      String[] parts = path.split("/");
      if (parts.length > 2 && CheckpointId.isValid(parts[0] + parts[1])) {
        ids.put(parts[0] + parts[1], CheckpointId.parse(parts[0] + parts[1]));
      }
    }
    return List.copyOf(ids.values());
  }

  public static GenerationMetadata generation(Repository repository, String ref) {
    return GenerationJson.decode(
        RefTrees.files(repository, ref).get(CheckpointFiles.GENERATION).getBytes(UTF_8), ref);
  }

  private static Optional<GenerationMetadata> generation(ObjectReader reader,
      Optional<ObjectId> tree) throws IOException {
    Optional<ObjectId> blob = TreeSurgery.lookup(reader, tree.orElseThrow(),
        CheckpointFiles.GENERATION, FileMode.REGULAR_FILE);
    return blob.isEmpty() ? Optional.empty() : Optional.of(GenerationJson.decode(
        Blobs.read(reader, blob.get()), CheckpointFiles.GENERATION));
  }

  @FunctionalInterface
  private interface TreeChange {
    ObjectId apply(ObjectReader reader, ObjectInserter inserter, Optional<RevTree> root)
        throws IOException;
  }

  private static void update(Repository repository, String ref, String message, Instant at,
      TreeChange change) {
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      ObjectId tipId = RefTrees.tipId(repository, ref);
      Optional<RevCommit> tip = tipId == null ? Optional.empty()
          : Optional.of(walk.parseCommit(tipId));
      ObjectId tree = change.apply(reader, inserter, tip.map(RevCommit::getTree));
      ObjectId commit = commit(inserter, tree, tip.map(RevCommit::copy), message, at);
      inserter.flush();
      set(repository, ref, commit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectId commit(ObjectInserter inserter, ObjectId tree, Optional<ObjectId> parent,
      String message, Instant at) throws IOException {
    PersonIdent ident = new PersonIdent("Writer", "writer@example.com", at, ZoneOffset.UTC);
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    parent.ifPresent(commit::setParentId);
    commit.setAuthor(ident);
    commit.setCommitter(ident);
    commit.setMessage(message);
    return inserter.insert(commit);
  }

  /**
   * Sets a ref as another tool would, retrying while its lock is held. JGit's fetch runs auto-GC
   * in the background once enough loose objects pile up (gc.autoDetach), and that GC's pack-refs
   * holds each ref's lock for a moment: a writer must retry a LOCK_FAILURE, as git's own does
   * (ConcurrentRotationSyncTest failed under -Pstress when this helper did not).
   */
  private static void set(Repository repository, String ref, ObjectId id) throws IOException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (true) {
      RefUpdate update = repository.updateRef(ref);
      update.setNewObjectId(id);
      update.setForceUpdate(true);
      RefUpdate.Result result = update.update();
      if (result == RefUpdate.Result.LOCK_FAILURE && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        continue;
      }
      if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.REJECTED
          || result == RefUpdate.Result.IO_FAILURE) {
        throw new IllegalStateException("cannot set " + ref + ": " + result);
      }
      return;
    }
  }
}
