package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.InvalidCheckpointRefException;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.CheckpointFiles;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds and checks the refs of the git-refs layout (docs/git-refs-layout.md): which spelling of a checkpoint's
 * ref exists, whether what it points at is a commit whose tree is a checkpoint directory, and which
 * refs of the namespace name no checkpoint. The one place that turns a bad ref into an
 * {@link InvalidCheckpointRefException}. Thread-safe (each call opens its own reader).
 */
final class GitRefs {
  /**
   * A checkpoint ref that exists and points at a checkpoint commit.
   *
   * @param ref the ref's name as it exists (canonical or case-folded shard)
   * @param id the checkpoint
   * @param commit the tip commit
   */
  record Tip(String ref, CheckpointId id, RevCommit commit) {
    Tip {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(commit, "commit");
    }
  }

  private final Repository repository;

  GitRefs(Repository repository) {
    this.repository = Objects.requireNonNull(repository, "repository");
  }

  /**
   * The name of a checkpoint's ref as it exists: the canonical spelling, else the case-folded one.
   *
   * @return the existing name, or empty when neither exists
   */
  Optional<String> existingRef(CheckpointId id) {
    try {
      for (String name : List.of(RefNames.checkpointRef(id), RefNames.caseFoldedCheckpointRef(id))) {
        Ref ref = repository.exactRef(name);
        if (ref != null && ref.getObjectId() != null) {
          return Optional.of(name);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new CheckpointStorageException("looking up the ref of checkpoint " + id + " failed: "
          + e.getMessage(), e);
    }
  }

  /** {@return the ref a write of the checkpoint moves: the existing spelling, else canonical} */
  String refForWrite(CheckpointId id) {
    return existingRef(id).orElseGet(() -> RefNames.checkpointRef(id));
  }

  /**
   * Reads a checkpoint's tip and checks it.
   *
   * @return the tip, or empty when the checkpoint has no ref
   * @throws InvalidCheckpointRefException when the ref points at no commit, or at a commit whose
   *     tree is not a checkpoint directory
   */
  Optional<Tip> tip(RevWalk walk, CheckpointId id) {
    Optional<String> name = existingRef(id);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    try {
      Ref ref = repository.exactRef(name.get());
      if (ref == null || ref.getObjectId() == null) {
        return Optional.empty(); // deleted since the lookup
      }
      RevCommit commit = commitAt(walk, name.get(), ref.getObjectId());
      requireCheckpointDirectory(walk.getObjectReader(), name.get(), commit.getTree());
      return Optional.of(new Tip(name.get(), id, commit));
    } catch (IOException e) {
      throw new CheckpointStorageException("reading " + name.get() + " failed: " + e.getMessage(),
          e);
    }
  }

  /**
   * Checks that a commit's tree is a checkpoint directory: it holds a {@code metadata.json} file
   * or at least one numbered session directory.
   *
   * @throws InvalidCheckpointRefException when it does not
   */
  static void requireCheckpointDirectory(ObjectReader reader, String ref, RevTree tree)
      throws IOException {
    for (TreeSurgery.Entry entry : TreeSurgery.read(reader, tree)) {
      boolean summary = entry.name().equals(CheckpointFiles.METADATA)
          && entry.mode().getObjectType() == Constants.OBJ_BLOB;
      boolean slot = entry.mode() == FileMode.TREE && !entry.name().isEmpty()
          && entry.name().chars().allMatch(c -> c >= '0' && c <= '9');
      if (summary || slot) {
        return;
      }
    }
    throw new InvalidCheckpointRefException(ref, "its commit's tree " + tree.name() + " is not a"
        + " checkpoint directory (no " + CheckpointFiles.METADATA + " and no numbered session"
        + " directory at its root)", null);
  }

  private static RevCommit commitAt(RevWalk walk, String ref, ObjectId id) throws IOException {
    try {
      return walk.parseCommit(id);
    } catch (IncorrectObjectTypeException e) {
      String type = Constants.typeString(walk.getObjectReader().open(id).getType());
      throw new InvalidCheckpointRefException(ref, "points at " + id.name() + ", a " + type
          + ", not a commit", e);
    } catch (MissingObjectException e) {
      throw new InvalidCheckpointRefException(ref, "points at " + id.name()
          + ", which is not in the object database", e);
    }
  }

  /**
   * Reads every checkpoint ref of the namespace.
   *
   * @param unread receives the refs that are not read, with the reason (v2 refs are skipped
   *     silently: they belong to another layout)
   * @return the checkpoint tips, one per id (when both spellings of a shard exist, the canonical
   *     one)
   */
  List<Tip> all(RevWalk walk, List<UnreadCheckpointRef> unread) {
    List<Tip> tips = new ArrayList<>();
    java.util.Map<CheckpointId, Integer> byId = new java.util.HashMap<>();
    try {
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(RefNames.CHECKPOINT_REF_PREFIX)) {
        String name = ref.getName();
        if (name.startsWith(RefNames.V2_PREFIX)) {
          continue;
        }
        Optional<String> problem = RefNames.whyNotACheckpointRef(name);
        if (problem.isPresent()) {
          unread.add(new UnreadCheckpointRef(name, problem.get()));
          continue;
        }
        CheckpointId id = RefNames.checkpointIdOf(name).orElseThrow();
        if (ref.getObjectId() == null) {
          unread.add(new UnreadCheckpointRef(name, "symbolic ref to a missing target"));
          continue;
        }
        Tip tip;
        try {
          RevCommit commit = commitAt(walk, name, ref.getObjectId());
          requireCheckpointDirectory(walk.getObjectReader(), name, commit.getTree());
          tip = new Tip(name, id, commit);
        } catch (InvalidCheckpointRefException e) {
          unread.add(new UnreadCheckpointRef(name, e.reason()));
          continue;
        } catch (IOException | RuntimeException damaged) {
          // A damaged commit or tree costs this ref only (docs/checkpoint-format.md#hostile-input).
          unread.add(new UnreadCheckpointRef(name,
              ReadFailures.reason(damaged, "checkpoint " + id, name)));
          continue;
        }
        Integer seen = byId.get(id);
        if (seen == null) {
          byId.put(id, tips.size());
          tips.add(tip);
        } else if (name.equals(RefNames.checkpointRef(id))) {
          unread.add(new UnreadCheckpointRef(tips.get(seen).ref(),
              "case-folded duplicate of " + name));
          tips.set(seen, tip);
        } else {
          unread.add(new UnreadCheckpointRef(name,
              "case-folded duplicate of " + tips.get(seen).ref()));
        }
      }
    } catch (IOException e) {
      throw new CheckpointStorageException("listing " + RefNames.CHECKPOINT_REF_PREFIX
          + " failed: " + e.getMessage(), e);
    }
    return tips;
  }
}
