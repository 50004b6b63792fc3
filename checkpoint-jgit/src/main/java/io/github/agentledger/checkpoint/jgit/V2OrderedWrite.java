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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.internal.storage.file.RefDirectory;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A v2 write with a transcript on a file-based ref database (loose refs and {@code
 * packed-refs}) as two compare-and-swaps, transcript first
 * (docs/checkpoint-format.md#v2-write-ordering). An atomic batch there is JGit's {@code
 * packed-refs} transaction: every write would take {@code packed-refs.lock} and rewrite the whole
 * file, so all writers would queue on one file. Instead:
 *
 * <ol>
 *   <li>{@code /main} is read once to see whether it holds the checkpoint (a new one takes slot
 *       0); a checkpoint already on {@code /main} (a second session, a rewrite) goes to {@link
 *       V2AtomicWrite}, which moves both refs together:
 *       two sessions of one checkpoint must not pick the same slot from two reads.
 *   <li>{@code /full/current} gets the transcript by compare-and-swap of its own loose ref, with
 *       the store's retry policy. A generation already holding the checkpoint is not overwritten:
 *       the same transcript in that slot counts as landed (a retried write), anything else is
 *       another writer's and sends the write to {@link V2AtomicWrite}. A generation that is full
 *       is archived by the same move (the only {@code packed-refs} transaction left, once per
 *       generation), so no generation passes the threshold; a rotation that loses a race re-reads
 *       and writes into whatever generation is current then.
 *   <li>{@code /main} lists the checkpoint by compare-and-swap of its own loose ref. A lost race
 *       only rebuilds the {@code /main} commit on the fresh tip: the transcript stays where it
 *       landed, in {@code /full/current} or, if a rotation archived it meanwhile, in an archive
 *       that readers search after {@code /full/current}. When the fresh tip already holds the
 *       checkpoint, another writer took the slot: the write goes to {@link V2AtomicWrite}.
 * </ol>
 *
 * <p>So a listed checkpoint always has its transcript. A failure or a kill between the two moves
 * leaves at most a transcript in a generation that {@code /main} does not list: readers never
 * reach it, it counts toward its generation, and the same write repeated (or {@code reconcile()}
 * in a dual write) finds it in place and only lists it. While {@code /main} does not hold the
 * checkpoint nothing else overwrites that slot in {@code /full}: every other transcript write for
 * it either moves {@code /main} in the same transaction (so the compare-and-swap here fails) or
 * requires the checkpoint to be listed. Thread-safe.
 */
final class V2OrderedWrite {
  /** The slot a checkpoint new to {@code /main} takes ({@link SessionSlots#forWrite}). */
  private static final int NEW_CHECKPOINT_SLOT = 0;

  private final Repository repository;
  private final RefCas refCas;
  private final MetadataRefWrites main;
  private final FullRefWrites full;
  private final GenerationRotation rotation;
  private final V2AtomicWrite atomic;
  private final System.Logger logger;

  V2OrderedWrite(Repository repository, RefCas refCas, MetadataRefWrites main,
      FullRefWrites full, GenerationRotation rotation, V2AtomicWrite atomic,
      System.Logger logger) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.refCas = Objects.requireNonNull(refCas, "refCas");
    this.main = Objects.requireNonNull(main, "main");
    this.full = Objects.requireNonNull(full, "full");
    this.rotation = Objects.requireNonNull(rotation, "rotation");
    this.atomic = Objects.requireNonNull(atomic, "atomic");
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  /** {@return whether the repository keeps its refs as loose files and {@code packed-refs}} */
  boolean supported() {
    return repository.getRefDatabase() instanceof RefDirectory;
  }

  /**
   * Writes the transcript to {@code /full/current}, then lists the checkpoint on {@code /main}.
   *
   * @return what the write did
   */
  V2AtomicWrite.Outcome write(WriteRequest request, SessionBlobs blobs,
      TranscriptBlobs transcript) {
    CheckpointId id = request.checkpointId();
    Optional<ObjectId> readMain;
    Optional<RefCas.Attempt<MetadataRefWrites.Written>> first = Optional.empty();
    try (RevWalk walk = new RevWalk(repository)) {
      readMain = refCas.currentId(RefNames.V2_MAIN);
      boolean listed;
      if (readMain.isPresent()) {
        // Only whether /main holds the checkpoint: under contention /main moves before this
        // write lists, so a /main commit built now would mostly be thrown away.
        listed = TreeWalk.forPath(walk.getObjectReader(), id.shardedPath(),
            walk.parseCommit(readMain.get()).getTree()) != null;
      } else {
        // A missing /main starts at its remote-tracking copy: let the edit decide.
        first = Optional.of(main.writeAttempt(request, blobs, Optional.empty()));
        listed = first.get().value().before() != MetadataRefWrites.Presence.NEW;
      }
      if (listed) {
        return atomic.write(request, blobs, transcript);
      }
    } catch (IOException e) {
      throw new CheckpointStorageException("v2 write of checkpoint " + id + " failed: "
          + e.getMessage(), e);
    }
    int slot = first.map(f -> f.value().slot()).orElse(NEW_CHECKPOINT_SLOT);
    Landed landed = place(id, slot, transcript, blobs.metadata().createdAt());
    if (landed.found() == FullRefWrites.Found.OTHER) {
      return atomic.write(request, blobs, transcript);
    }
    Optional<RefCas.Attempt<MetadataRefWrites.Written>> built = first;
    boolean listed = refCas.update(RefNames.V2_MAIN, tip -> {
      RefCas.Attempt<MetadataRefWrites.Written> attempt =
          built.isPresent() && tip.map(RevCommit::copy).equals(readMain)
              ? built.get() : main.writeAttempt(request, blobs, tip);
      if (attempt.value().slot() != slot) {
        return RefCas.Attempt.leave(false);
      }
      if (attempt.value().before() != MetadataRefWrites.Presence.NEW) {
        // Listed meanwhile, in this session's slot: when /main already holds exactly what this
        // write would make it (a dual write's catch-up repaired this checkpoint from v1 while
        // this write was between its moves), the write has landed. Otherwise another writer
        // owns the slot's current state: write both refs together.
        return RefCas.Attempt.leave(sameTree(tip, attempt.next()));
      }
      return new RefCas.Attempt<>(attempt.next(), true);
    });
    if (!listed) {
      // Another writer listed this checkpoint first and so owns the slot: write the session
      // with both refs together, in the slot the fresh /main gives it.
      return atomic.write(request, blobs, transcript);
    }
    return new V2AtomicWrite.Outcome(slot, landed.count(), landed.rotated());
  }

  /** Whether the commit {@code next} has the same tree as {@code tip}. */
  private boolean sameTree(Optional<RevCommit> tip, Optional<ObjectId> next) throws IOException {
    if (tip.isEmpty() || next.isEmpty()) {
      return false;
    }
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(next.get()).getTree().equals(tip.get().getTree());
    }
  }

  /**
   * Where the transcript landed.
   *
   * @param found what {@code /full/current} held for the checkpoint
   * @param count the checkpoints {@code generation.json} of that generation lists
   * @param rotated whether the move archived the previous generation
   */
  private record Landed(FullRefWrites.Found found, int count, boolean rotated) {}

  private Landed place(CheckpointId id, int slot, TranscriptBlobs transcript, Instant at) {
    AtomicBoolean rotating = new AtomicBoolean();
    try {
      return place(id, slot, transcript, at, true, rotating);
    } catch (ConcurrentCheckpointUpdateException lostEveryRace) {
      // Not a failed rotation: other writers kept moving /full/current. Writing into a full
      // generation now would overfill it; the write fails and is repeated or reconciled.
      throw lostEveryRace;
    } catch (RuntimeException e) {
      if (!rotating.get()) {
        throw e;
      }
      // A rotation is never fatal to the write (docs/generation-rotation.md#when).
      logger.log(Level.WARNING, "archiving the full " + RefNames.V2_FULL_CURRENT + " with"
          + " checkpoint " + id + " failed; writing it into the current generation: "
          + e.getMessage(), e);
      return place(id, slot, transcript, at, false, new AtomicBoolean());
    }
  }

  private Landed place(CheckpointId id, int slot, TranscriptBlobs transcript, Instant at,
      boolean mayRotate, AtomicBoolean rotating) {
    GenerationRotation.SeedCommit seed = rotation.new SeedCommit();
    return refCas.updateAll("v2 transcript of checkpoint " + id + " ("
        + RefNames.V2_FULL_CURRENT + ")", () -> {
          try (RevWalk walk = new RevWalk(repository)) {
            Optional<ObjectId> read = refCas.currentId(RefNames.V2_FULL_CURRENT);
            Optional<RevCommit> fullTip = read.isPresent()
                ? Optional.of(walk.parseCommit(read.get())) : Optional.empty();
            RefCas.Attempt<FullRefWrites.Placed> onFull =
                full.placeAttempt(id, slot, transcript, at, fullTip);
            FullRefWrites.Placed placed = onFull.value();
            rotating.set(false);
            if (placed.found() != FullRefWrites.Found.ABSENT) {
              return new RefCas.Moves<>(List.of(),
                  new Landed(placed.found(), placed.count(), false));
            }
            if (mayRotate && fullTip.isPresent() && placed.count() > rotation.maxCheckpoints()) {
              rotating.set(true);
              // The generation was full before this checkpoint: archive it and start the next
              // one with this checkpoint, in one move.
              GenerationRotation.Plan plan = rotation.planFor(fullTip.get(), placed.count() - 1);
              RefCas.Attempt<FullRefWrites.Placed> onSeed = full.placeAttempt(id, slot,
                  transcript, at, Optional.of(walk.parseCommit(seed.id())));
              return new RefCas.Moves<>(
                  GenerationRotation.swaps(plan, onSeed.next().orElseThrow()),
                  new Landed(FullRefWrites.Found.ABSENT, onSeed.value().count(), true));
            }
            return new RefCas.Moves<>(List.of(new RefCas.Swap(RefNames.V2_FULL_CURRENT,
                fullTip.map(RevCommit::copy), onFull.next().orElseThrow())),
                new Landed(FullRefWrites.Found.ABSENT, placed.count(), false));
          } catch (IOException e) {
            throw new CheckpointStorageException("v2 write of checkpoint " + id + " to "
                + RefNames.V2_FULL_CURRENT + " failed: " + e.getMessage(), e);
          }
        });
  }
}
