package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.Commits;
import io.github.agentledger.checkpoint.jgit.internal.ContentHash;
import io.github.agentledger.checkpoint.jgit.internal.GenerationJson;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptChunks;
import io.github.agentledger.checkpoint.jgit.internal.TranscriptNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;

/**
 * Writes raw transcripts into the v2 generations
 * (docs/checkpoint-format.md#v2-fullcurrent-and-archives): a write puts the slot's {@code
 * full.jsonl[.NNN]} + {@code content_hash.txt} into {@code /full/current} and adds the checkpoint
 * to the root {@code generation.json}; a finalisation replaces the transcript where the slot
 * already lives (an archive is updated in place, never moved back) and makes no commit when the
 * hash is unchanged. Every ref move is one run of the {@link CheckpointEdits} loop. Thread-safe.
 */
final class FullRefWrites {
  /** Where a finalisation landed. */
  enum Target {
    /** {@code /full/current}: the caller runs the rotation check. */
    CURRENT,
    /** An archived generation, updated in place. */
    ARCHIVE,
    /** Nothing changed: the stored transcript has the same hash. */
    UNCHANGED
  }

  /** Which generations a removal of a slot's transcript looks in. */
  enum Search {
    /** {@code /full/current} and every archive: the checkpoint may have been archived. */
    ALL_GENERATIONS,
    /**
     * {@code /full/current} only: the checkpoint is new to {@code /main}, so an archive can hold
     * a transcript for it only when an on-disk write stopped between its two ref moves and a
     * rotation archived that unlisted transcript before this write
     * (docs/checkpoint-format.md#v2-write-ordering); not searching the archives keeps the cost
     * of this write flat in their number.
     */
    CURRENT_ONLY
  }

  private static final int MAX_RELOCATIONS = 16;

  private final Repository repository;
  private final StoreSettings settings;
  private final CheckpointEdits edits;
  private final FullRefReads reads;

  FullRefWrites(Repository repository, StoreSettings settings, RefCas refCas,
      FullRefReads reads) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.edits = new CheckpointEdits(repository, settings, refCas);
    this.reads = Objects.requireNonNull(reads, "reads");
  }

  /**
   * Writes a slot's transcript into {@code /full/current} (created when missing) and records the
   * checkpoint in {@code generation.json}.
   *
   * @param at the time recorded for a checkpoint new to the generation
   * @return the number of checkpoints {@code generation.json} lists afterwards
   */
  int write(CheckpointId id, int slot, TranscriptBlobs blobs, Instant at) {
    return edits.edit(RefNames.V2_FULL_CURRENT, id, Commits.configuredAuthor(repository),
        V2Messages.INITIALIZE, writeEditor(id, slot, blobs, at));
  }

  /**
   * One attempt of {@link #write} on a base the caller read, without moving the ref (for a write
   * that moves {@code /full/current} together with {@code /main} in one transaction).
   *
   * @param base the tip of {@code /full/current} (empty when it does not exist), or the seed
   *     commit of a generation the same transaction starts
   * @return the commit to move {@code /full/current} to and the number of checkpoints its
   *     {@code generation.json} lists
   */
  RefCas.Attempt<Integer> writeAttempt(CheckpointId id, int slot, TranscriptBlobs blobs,
      Instant at, Optional<RevCommit> base) throws IOException {
    return edits.attempt(RefNames.V2_FULL_CURRENT, base, id,
        Commits.configuredAuthor(repository), V2Messages.INITIALIZE,
        writeEditor(id, slot, blobs, at));
  }

  /** What {@link #placeAttempt} found for the checkpoint in the generation it read. */
  enum Found {
    /** The generation held no directory for the checkpoint: the attempt adds it. */
    ABSENT,
    /**
     * The slot already holds exactly this transcript (an earlier attempt of the same write, or a
     * write that stopped before listing it on {@code /main}): nothing to commit.
     */
    SAME,
    /**
     * The generation holds the checkpoint otherwise (another writer of the same checkpoint, or
     * an unlisted transcript of other content): the caller must not overwrite it blindly.
     */
    OTHER
  }

  /**
   * What one {@link #placeAttempt} found and left.
   *
   * @param found what the generation held for the checkpoint
   * @param count the checkpoints {@code generation.json} lists after the attempt (0 for {@link
   *     Found#OTHER})
   */
  record Placed(Found found, int count) {
    Placed {
      Objects.requireNonNull(found, "found");
    }
  }

  /**
   * One attempt to put the transcript of a checkpoint that is new to {@code /main} into a
   * generation, without moving the ref (docs/checkpoint-format.md#v2-write-ordering): the
   * directory is added only when the generation has none for the checkpoint; a slot already
   * holding the same transcript is left as it is.
   *
   * @param base the tip of {@code /full/current} (empty when it does not exist), or the seed
   *     commit of a generation the same ref move starts
   * @return the commit to move {@code /full/current} to (only for {@link Found#ABSENT}) and what
   *     was found
   */
  RefCas.Attempt<Placed> placeAttempt(CheckpointId id, int slot, TranscriptBlobs blobs,
      Instant at, Optional<RevCommit> base) throws IOException {
    CheckpointEdits.Editor<Integer> write = writeEditor(id, slot, blobs, at);
    return edits.attempt(RefNames.V2_FULL_CURRENT, base, id,
        Commits.configuredAuthor(repository), V2Messages.INITIALIZE, edit -> {
          CheckpointDirectory dir = edit.directory();
          if (!dir.existed()) {
            CheckpointEdits.Edited<Integer> added = write.apply(edit);
            return CheckpointEdits.Edited.commit(added.message().orElseThrow(),
                new Placed(Found.ABSENT, added.value()));
          }
          if (!holds(dir, slot, blobs)) {
            return CheckpointEdits.Edited.leave(new Placed(Found.OTHER, 0));
          }
          int count = generationOf(edit.objects(), edit.root(), RefNames.V2_FULL_CURRENT)
              .checkpoints().size();
          return CheckpointEdits.Edited.leave(new Placed(Found.SAME, count));
        });
  }

  /** Whether the slot holds exactly these chunks and this hash, and nothing else. */
  private static boolean holds(CheckpointDirectory dir, int slot, TranscriptBlobs blobs) {
    if (dir.fileNamesInSlot(slot).size() != blobs.chunks().size() + 1
        || !dir.blobId(CheckpointFiles.inSlot(slot, TranscriptNames.SEED.hash()))
            .equals(Optional.of(blobs.hashBlob()))) {
      return false;
    }
    for (int i = 0; i < blobs.chunks().size(); i++) {
      String chunk = TranscriptChunks.chunkName(TranscriptNames.SEED.base(), i);
      if (!dir.blobId(CheckpointFiles.inSlot(slot, chunk))
          .equals(Optional.of(blobs.chunks().get(i)))) {
        return false;
      }
    }
    return true;
  }

  private CheckpointEdits.Editor<Integer> writeEditor(CheckpointId id, int slot,
      TranscriptBlobs blobs, Instant at) {
    String ref = RefNames.V2_FULL_CURRENT;
    return edit -> {
      CheckpointDirectory dir = edit.directory();
      dir.clearSlot(slot);
      blobs.placeInto(dir, slot, TranscriptNames.SEED.base(), TranscriptNames.SEED.hash());
      GenerationMetadata generation = generationOf(edit.objects(), edit.root(), ref)
          .withCheckpoint(id, at);
      edit.putAtRoot(CheckpointFiles.GENERATION,
          Blobs.insert(edit.inserter(), GenerationJson.encode(generation)));
      return CheckpointEdits.Edited.commit(V2Messages.checkpoint(id),
          generation.checkpoints().size());
    };
  }

  /**
   * Removes a slot's raw transcript from every generation a reader would find it in (of those
   * {@code search} names): a write without a transcript must leave no stale one behind.
   * {@code generation.json} is not changed. With {@link Search#CURRENT_ONLY} the archives are
   * not read at all, so the cost does not grow with their number.
   */
  void removeSlot(CheckpointId id, int slot, Search search) {
    for (int round = 0; round < MAX_RELOCATIONS; round++) {
      Optional<FullRefReads.SlotLocation> location = locate(id, slot, search);
      if (location.isEmpty()) {
        return;
      }
      String ref = location.get().generation().ref();
      edits.edit(ref, id, Commits.configuredAuthor(repository), V2Messages.INITIALIZE, edit -> {
        if (!edit.refExists() || !edit.directory().slotExists(slot)) {
          return CheckpointEdits.Edited.leave(false);
        }
        edit.directory().clearSlot(slot);
        return CheckpointEdits.Edited.commit(V2Messages.checkpoint(id), true);
      });
    }
    throw new CheckpointStorageException("checkpoint " + id + " slot " + slot
        + ": its raw transcript kept reappearing under " + RefNames.V2_FULL_PREFIX
        + " after " + MAX_RELOCATIONS + " removals", null);
  }

  /**
   * Finalises a slot's transcript where it lives: the first generation whose slot has a
   * transcript and a hash, else the first where the slot exists, else {@code /full/current}.
   * When a rotation moves the slot away between the lookup and the compare-and-swap, the lookup
   * is repeated, so the transcript never lands in a generation that no longer holds the slot.
   */
  Target update(CheckpointId id, int slot, Transcript transcript) {
    String newHash = ContentHash.of(transcript.bytes());
    TranscriptBlobs blobs;
    try (ObjectInserter inserter = settings.newInserter(repository)) {
      blobs = TranscriptBlobs.insert(inserter, transcript.bytes(), settings.maxChunkBytes());
      inserter.flush();
    } catch (IOException e) {
      throw new CheckpointStorageException("finalize checkpoint " + id + " under "
          + RefNames.V2_FULL_PREFIX + " failed: " + e.getMessage(), e);
    }
    for (int round = 0; round < MAX_RELOCATIONS; round++) {
      Optional<FullRefReads.SlotLocation> location = locate(id, slot, Search.ALL_GENERATIONS);
      String ref = location.map(l -> l.generation().ref()).orElse(RefNames.V2_FULL_CURRENT);
      boolean mustExist = location.isPresent();
      Optional<Target> outcome = edits.edit(ref, id, Commits.configuredAuthor(repository),
          V2Messages.INITIALIZE, edit -> {
            CheckpointDirectory dir = edit.directory();
            if (mustExist && (!edit.refExists() || !dir.slotExists(slot))) {
              return CheckpointEdits.Edited.leave(Optional.<Target>empty());
            }
            if (storedHash(dir, slot).equals(Optional.of(newHash))) {
              return CheckpointEdits.Edited.leave(Optional.of(Target.UNCHANGED));
            }
            for (String name : dir.fileNamesInSlot(slot)) {
              if (TranscriptNames.V2_FULL.stream().anyMatch(n -> n.owns(name))) {
                dir.remove(CheckpointFiles.inSlot(slot, name));
              }
            }
            blobs.placeInto(dir, slot, TranscriptNames.SEED.base(), TranscriptNames.SEED.hash());
            return CheckpointEdits.Edited.commit(V2Messages.finalizeCheckpoint(id), Optional.of(
                ref.equals(RefNames.V2_FULL_CURRENT) ? Target.CURRENT : Target.ARCHIVE));
          });
      if (outcome.isPresent()) {
        return outcome.get();
      }
    }
    throw new CheckpointStorageException("finalize checkpoint " + id + " slot " + slot
        + ": the slot moved between generations on each of " + MAX_RELOCATIONS + " lookups",
        null);
  }

  private Optional<FullRefReads.SlotLocation> locate(CheckpointId id, int slot,
      Search search) {
    try (ObjectReader objects = repository.newObjectReader()) {
      List<Generations.GenerationRef> order = search == Search.ALL_GENERATIONS
          ? Generations.searchOrder(repository)
          : Generations.current(repository).map(List::of).orElse(List.of());
      return reads.locate(objects, order, id, slot);
    } catch (IOException e) {
      throw new CheckpointStorageException("looking up checkpoint " + id + " slot " + slot
          + " under " + RefNames.V2_FULL_PREFIX + " failed: " + e.getMessage(), e);
    }
  }

  private static Optional<String> storedHash(CheckpointDirectory dir, int slot)
      throws IOException {
    for (TranscriptNames naming : TranscriptNames.V2_FULL) {
      Optional<byte[]> stored = dir.readFile(CheckpointFiles.inSlot(slot, naming.hash()));
      if (stored.isPresent()) {
        return Optional.of(new String(stored.get(), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /**
   * The generation metadata of {@code /full/current} before a write: its {@code generation.json},
   * else (a generation started by another writer) the checkpoints its tree already holds.
   */
  private static GenerationMetadata generationOf(ObjectReader objects, Optional<RevTree> root,
      String ref) throws IOException {
    return root.isEmpty() ? GenerationMetadata.seed()
        : Generations.describe(objects, root.get(), ref);
  }
}
