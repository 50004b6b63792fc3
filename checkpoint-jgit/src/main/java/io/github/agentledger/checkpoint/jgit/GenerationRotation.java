package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.GenerationMetadata;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.Commits;
import io.github.agentledger.checkpoint.jgit.internal.GenerationJson;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Rotates the active raw-transcript generation (docs/generation-rotation.md): once
 * {@code /full/current} holds at least {@code maxCheckpoints} checkpoint directories, its tip is
 * archived as {@code refs/entire/checkpoints/v2/full/<13 digits>} (the highest existing archive
 * number + 1) and {@code /full/current} is reset to a fresh orphan {@value
 * V2Messages#START_GENERATION} commit whose tree holds only the seed {@code generation.json}
 * ({@code {"checkpoints": []}}). The archive is the tip itself: in the seed design it already
 * carries an up-to-date {@code generation.json}.
 *
 * <p>Guards. Every attempt re-reads {@code /full/current} and counts its checkpoint directories;
 * below the threshold (someone else rotated) it stops. The archive is created with expected old
 * id zero, so an existing archive is never overwritten (a lost creation re-reads and takes the
 * next number). The reset is a compare-and-swap from the tip that was counted, so a writer that
 * advanced {@code /full/current} in between is never undone. Archive and reset are one atomic
 * {@code BatchRefUpdate} where the ref database supports it. Otherwise the archive is created
 * first and the reset follows; a lost reset, or a crash between the two, leaves the archive
 * pointing at an ancestor of (or the same commit as) {@code /full/current}. Readers are correct
 * in that state (they search {@code /full/current} first, so a checkpoint in both is read once),
 * and the next rotation recognises it: when the highest archive is an ancestor of
 * {@code /full/current}, the generation was never reset, so that same archive is moved forward to
 * the tip (a fast-forward of the same generation, nothing lost) and the reset is retried, instead
 * of archiving the same checkpoints again under a new number. A lost race is retried through the
 * store's retry policy.
 *
 * <p>{@link #rotateIfNeeded()} never throws: a failed rotation is logged and the write that
 * triggered it stands. Thread-safe.
 */
final class GenerationRotation {
  /** What a rotation attempt did. */
  enum Outcome {
    /** {@code /full/current} is below the threshold (or missing). */
    NOT_NEEDED,
    /** {@code /full/current} was archived and reset. */
    ROTATED
  }

  private final Repository repository;
  private final StoreSettings settings;
  private final RefCas refCas;
  private final int maxCheckpoints;
  private final System.Logger logger;

  GenerationRotation(Repository repository, StoreSettings settings, RefCas refCas,
      int maxCheckpoints, System.Logger logger) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.refCas = Objects.requireNonNull(refCas, "refCas");
    if (maxCheckpoints < 1) {
      throw new IllegalArgumentException("maxCheckpoints must be at least 1, got "
          + maxCheckpoints);
    }
    this.maxCheckpoints = maxCheckpoints;
    this.logger = Objects.requireNonNull(logger, "logger");
  }

  int maxCheckpoints() {
    return maxCheckpoints;
  }

  /** {@return where rotation failures are logged} */
  System.Logger logger() {
    return logger;
  }

  /**
   * Rotates when needed; logs and swallows every failure (docs/generation-rotation.md#when: never
   * fatal to the write).
   */
  void rotateIfNeeded() {
    try {
      rotate();
    } catch (RuntimeException e) {
      logger.log(Level.WARNING, "rotation of " + RefNames.V2_FULL_CURRENT + " failed; the"
          + " generation stays active and the next write retries: " + e.getMessage(), e);
    }
  }

  /**
   * The swaps that archive a plan's tip: the archive ref (unless it already points there), then
   * {@code /full/current} from the counted tip to {@code next}.
   *
   * @param next the new tip of {@code /full/current}: the seed commit of the next generation, or
   *     a commit on it that already holds the checkpoint of the write doing the rotation
   */
  static List<RefCas.Swap> swaps(Plan p, ObjectId next) {
    List<RefCas.Swap> swaps = new ArrayList<>();
    if (!p.archiveExpected().equals(Optional.of(p.archiveTarget()))) {
      swaps.add(new RefCas.Swap(p.archiveRef(), p.archiveExpected(), p.archiveTarget()));
    }
    swaps.add(new RefCas.Swap(RefNames.V2_FULL_CURRENT, Optional.of(p.tip()), next));
    return swaps;
  }

  /**
   * Rotates when {@code /full/current} has reached the threshold.
   *
   * @return what happened
   * @throws io.github.agentledger.checkpoint.CheckpointException when the rotation fails or keeps
   *     losing races
   */
  Outcome rotate() {
    SeedCommit seed = new SeedCommit();
    Optional<Plan> rotated = refCas.updateAll(RefNames.V2_FULL_CURRENT, () -> {
      Optional<Plan> plan = plan();
      if (plan.isEmpty()) {
        return new RefCas.Moves<>(List.of(), plan);
      }
      return new RefCas.Moves<>(swaps(plan.get(), seed.id()), plan);
    });
    if (rotated.isEmpty()) {
      return Outcome.NOT_NEEDED;
    }
    Plan p = rotated.get();
    logger.log(Level.DEBUG, () -> "archived " + RefNames.V2_FULL_CURRENT + " ("
        + p.count() + " checkpoints, " + p.tip().name() + ") as " + p.archiveRef()
        + " and started a new generation");
    return Outcome.ROTATED;
  }

  /** The seed commit of the next generation, inserted once per rotation, on first use. */
  final class SeedCommit {
    private Optional<ObjectId> id = Optional.empty();

    ObjectId id() {
      if (id.isEmpty()) {
        id = Optional.of(insertSeed());
      }
      return id.get();
    }
  }

  /**
   * What a rotation would do now.
   *
   * @param tip the tip of {@code /full/current} that was counted
   * @param count its checkpoint directories
   * @param archiveRef the archive to point at {@code tip}
   * @param archiveExpected the archive's current id, empty when it must be created
   * @param archiveTarget what the archive must point at afterwards (no move when it already does)
   */
  record Plan(ObjectId tip, int count, String archiveRef,
      Optional<ObjectId> archiveExpected, ObjectId archiveTarget) {}

  private Optional<Plan> plan() {
    try (ObjectReader objects = repository.newObjectReader();
        RevWalk walk = new RevWalk(objects)) {
      // The archives are read before /full/current: a tip read later can only be newer than the
      // archive state seen. Read the other way round, a tip that another writer archived and reset
      // in between looked like a fresh generation and was archived again under a new number.
      List<Generations.GenerationRef> archives = Generations.archives(repository);
      Optional<Generations.GenerationRef> current = Generations.current(repository);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      RevCommit tip = walk.parseCommit(current.get().tip());
      int count = Generations.checkpointIds(objects, tip.getTree()).size();
      if (count < maxCheckpoints) {
        return Optional.empty();
      }
      return Optional.of(planFor(walk, archives, tip, count));
    } catch (IOException e) {
      throw new CheckpointStorageException("reading " + RefNames.V2_FULL_CURRENT
          + " for rotation failed: " + e.getMessage(), e);
    }
  }

  /**
   * The plan that archives a full tip of {@code /full/current} that a write read itself and
   * moves together with its own refs in one atomic transaction (which also guards the archive
   * state read here: a tip archived and reset meanwhile fails the transaction's swap of
   * {@code /full/current}).
   *
   * @param tip the tip the write read
   * @param count its checkpoint directories
   */
  Plan planFor(RevCommit tip, int count) {
    try (ObjectReader objects = repository.newObjectReader();
        RevWalk walk = new RevWalk(objects)) {
      return planFor(walk, Generations.archives(repository), walk.parseCommit(tip), count);
    } catch (IOException e) {
      throw new CheckpointStorageException("reading the archives of " + RefNames.V2_FULL_PREFIX
          + " for rotation failed: " + e.getMessage(), e);
    }
  }

  private Plan planFor(RevWalk walk, List<Generations.GenerationRef> archives, RevCommit tip,
      int count) throws IOException {
    if (!archives.isEmpty()) {
      Generations.GenerationRef highest = archives.get(archives.size() - 1);
      if (isAncestor(walk, tip, highest.tip())) {
        // Already archived (the reset is what is missing): only reset.
        return new Plan(tip.copy(), count, highest.ref(), Optional.of(highest.tip()),
            highest.tip());
      }
      if (isAncestor(walk, highest.tip(), tip)) {
        return new Plan(tip.copy(), count, highest.ref(), Optional.of(highest.tip()),
            tip.copy());
      }
      return new Plan(tip.copy(), count, RefNames.v2Archive(highest.number() + 1),
          Optional.empty(), tip.copy());
    }
    return new Plan(tip.copy(), count, RefNames.v2Archive(1), Optional.empty(), tip.copy());
  }

  private static boolean isAncestor(RevWalk walk, ObjectId candidate, ObjectId descendant)
      throws IOException {
    try {
      RevCommit base = walk.parseCommit(candidate);
      return walk.isMergedInto(base, walk.parseCommit(descendant));
    } catch (MissingObjectException | IncorrectObjectTypeException notACommit) {
      return false;
    } finally {
      walk.reset();
    }
  }

  private ObjectId insertSeed() {
    try (ObjectInserter inserter = settings.newInserter(repository);
        ObjectReader objects = inserter.newReader()) {
      ObjectId tree = TreeSurgery.put(objects, inserter, Optional.empty(),
          CheckpointFiles.GENERATION, FileMode.REGULAR_FILE, Optional.of(
              Blobs.insert(inserter, GenerationJson.encode(GenerationMetadata.seed()))));
      ObjectId commit = Commits.create(inserter, tree, Optional.empty(),
          Commits.configuredAuthor(repository), settings.clock(), V2Messages.START_GENERATION);
      inserter.flush();
      return commit;
    } catch (IOException e) {
      throw new CheckpointStorageException("creating the seed commit of a new generation on "
          + RefNames.V2_FULL_CURRENT + " failed: " + e.getMessage(), e);
    }
  }
}
