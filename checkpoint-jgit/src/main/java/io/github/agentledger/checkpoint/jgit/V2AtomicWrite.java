package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.ConcurrentCheckpointUpdateException;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A v2 write with a transcript as one atomic ref transaction
 * (docs/checkpoint-format.md#v2-write-ordering): each attempt reads {@code /main} and {@code
 * /full/current}, builds the {@code /main} commit (which picks the slot) and the {@code
 * /full/current} commit with the transcript in that slot, and moves both refs in one {@code
 * BatchRefUpdate}, each by compare-and-swap. So a checkpoint is listed on {@code /main} exactly
 * when its transcript is on {@code /full/current}: a failure or a kill at any point leaves both
 * refs as they were. A lost race runs a new attempt on fresh tips.
 *
 * <p>A write that would add a checkpoint to a full generation ({@code /full/current} already at
 * the threshold) archives that generation in the same transaction and puts the checkpoint on the
 * seed of the next one, so no generation ever holds more than the threshold, however many
 * writers race (docs/generation-rotation.md#contention); if that transaction fails for another
 * reason than a lost race, the write is made again without the archive (a rotation is never fatal
 * to a write). Used only where the ref database performs atomic transactions: for every such
 * write in memory or on reftable, and on a file-based ref database (where a batch is a {@code
 * packed-refs} transaction) only for what {@link V2OrderedWrite} cannot do with two single-ref
 * moves (a checkpoint already listed, a slot another writer holds). {@link V2CheckpointStore}
 * falls back to {@code /main} then {@code /full/current} elsewhere. Thread-safe.
 */
final class V2AtomicWrite {
  /**
   * What the transaction did.
   *
   * @param slot the slot written
   * @param count the checkpoints {@code generation.json} of {@code /full/current} lists after it
   * @param rotated whether it archived the previous generation
   */
  record Outcome(int slot, int count, boolean rotated) {}

  private final Repository repository;
  private final RefCas refCas;
  private final MetadataRefWrites main;
  private final FullRefWrites full;
  private final GenerationRotation rotation;
  private final System.Logger logger;

  V2AtomicWrite(Repository repository, RefCas refCas, MetadataRefWrites main,
      FullRefWrites full, GenerationRotation rotation, System.Logger logger) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.refCas = Objects.requireNonNull(refCas, "refCas");
    this.main = Objects.requireNonNull(main, "main");
    this.full = Objects.requireNonNull(full, "full");
    this.rotation = Objects.requireNonNull(rotation, "rotation");
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  /** {@return whether the repository's ref database can move several refs atomically} */
  boolean supported() {
    return repository.getRefDatabase().performsAtomicTransactions();
  }

  /**
   * Writes the session's metadata to {@code /main} and its transcript to {@code /full/current}
   * in one transaction.
   *
   * @return what the transaction that took effect did
   */
  Outcome write(WriteRequest request, SessionBlobs blobs, TranscriptBlobs transcript) {
    AtomicBoolean rotating = new AtomicBoolean();
    try {
      return write(request, blobs, transcript, true, rotating);
    } catch (ConcurrentCheckpointUpdateException lostEveryRace) {
      // Not a failed rotation: other writers kept moving the refs. Writing into a full
      // generation now would overfill it; the write fails and is repeated or reconciled.
      throw lostEveryRace;
    } catch (RuntimeException e) {
      if (!rotating.get()) {
        throw e;
      }
      // A rotation is never fatal to the write (docs/generation-rotation.md#when): write into
      // the full generation instead, and leave the rotation to the check that follows.
      logger.log(Level.WARNING, "archiving the full " + RefNames.V2_FULL_CURRENT + " with"
          + " checkpoint " + request.checkpointId() + " failed; writing it into the current"
          + " generation: " + e.getMessage(), e);
      return write(request, blobs, transcript, false, new AtomicBoolean());
    }
  }

  private Outcome write(WriteRequest request, SessionBlobs blobs, TranscriptBlobs transcript,
      boolean mayRotate, AtomicBoolean rotating) {
    CheckpointId id = request.checkpointId();
    GenerationRotation.SeedCommit seed = rotation.new SeedCommit();
    return refCas.updateAll("v2 write of checkpoint " + id + " (" + RefNames.V2_MAIN + " + "
        + RefNames.V2_FULL_CURRENT + ")", () -> {
          try (RevWalk walk = new RevWalk(repository)) {
            Optional<RevCommit> mainTip = tip(walk, RefNames.V2_MAIN);
            Optional<RevCommit> fullTip = tip(walk, RefNames.V2_FULL_CURRENT);
            RefCas.Attempt<MetadataRefWrites.Written> onMain =
                main.writeAttempt(request, blobs, mainTip);
            int slot = onMain.value().slot();
            Instant created = blobs.metadata().createdAt();
            RefCas.Attempt<Integer> onFull =
                full.writeAttempt(id, slot, transcript, created, fullTip);
            List<RefCas.Swap> swaps = new ArrayList<>();
            boolean rotated = false;
            rotating.set(false);
            if (mayRotate && fullTip.isPresent() && onFull.value() > rotation.maxCheckpoints()) {
              rotating.set(true);
              // The generation was full before this checkpoint: archive it and start the next
              // one with this checkpoint, in this same transaction.
              GenerationRotation.Plan plan =
                  rotation.planFor(fullTip.get(), onFull.value() - 1);
              RevCommit seedCommit = walk.parseCommit(seed.id());
              onFull = full.writeAttempt(id, slot, transcript, created,
                  Optional.of(seedCommit));
              swaps.addAll(GenerationRotation.swaps(plan, onFull.next().orElseThrow()));
              rotated = true;
            } else if (onFull.next().isPresent()) {
              swaps.add(new RefCas.Swap(RefNames.V2_FULL_CURRENT,
                  fullTip.map(RevCommit::copy), onFull.next().get()));
            }
            swaps.add(new RefCas.Swap(RefNames.V2_MAIN, mainTip.map(RevCommit::copy),
                onMain.next().orElseThrow()));
            return new RefCas.Moves<>(swaps, new Outcome(slot, onFull.value(), rotated));
          } catch (IOException e) {
            throw new CheckpointStorageException("v2 write of checkpoint " + id
                + " failed: " + e.getMessage(), e);
          }
        });
  }

  private Optional<RevCommit> tip(RevWalk walk, String ref) throws IOException {
    Optional<org.eclipse.jgit.lib.ObjectId> id = refCas.currentId(ref);
    return id.isPresent() ? Optional.of(walk.parseCommit(id.get())) : Optional.empty();
  }
}
