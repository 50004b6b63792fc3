package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.Author;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.jgit.internal.Commits;
import io.github.agentledger.checkpoint.jgit.internal.RefCas;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The one edit loop of every checkpoint write: read one checkpoint's directory at the tip of a
 * ref (at its remote-tracking copy when the ref does not exist locally, an empty directory when
 * neither exists), let the caller edit it, commit the result on that commit (on a fresh orphan
 * commit with an empty tree when there is none),
 * and move the ref by compare-and-swap through {@link RefCas}. A lost race runs the whole attempt
 * again on a fresh read of the tip, so an edit is always made on the tree it replaces
 * (docs/checkpoint-format.md, "Writing a checkpoint"). The directory is either one of many in the
 * ref's tree ({@link #edit}: v1, v2) or the whole tree of a ref of its own ({@link #editAtRoot}:
 * the git-refs layout, whose first commit is the orphan). Thread-safe.
 */
final class CheckpointEdits {
  private final Repository repository;
  private final StoreSettings settings;
  private final RefCas refCas;

  CheckpointEdits(Repository repository, StoreSettings settings, RefCas refCas) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.refCas = Objects.requireNonNull(refCas, "refCas");
  }

  /**
   * One attempt's edit of a checkpoint directory.
   *
   * @param <T> what the edit reports to the caller of {@link #edit}
   */
  @FunctionalInterface
  interface Editor<T> {
    /**
     * Edits the directory in {@code edit} and says whether to commit.
     *
     * @return {@link Edited#commit} to commit the edited directory, {@link Edited#leave} to leave
     *     the ref alone
     */
    Edited<T> apply(Edit edit) throws IOException;
  }

  /**
   * What an attempt's editor decided.
   *
   * @param message the commit message, empty to leave the ref alone
   * @param value what the attempt reports
   */
  record Edited<T>(Optional<String> message, T value) {
    Edited {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(value, "value");
    }

    /** Commits the edited directory with {@code message}. */
    static <T> Edited<T> commit(String message, T value) {
      return new Edited<>(Optional.of(message), value);
    }

    /** Leaves the ref where it is; whatever was edited is dropped. */
    static <T> Edited<T> leave(T value) {
      return new Edited<>(Optional.empty(), value);
    }
  }

  /**
   * What one attempt edits: the checkpoint directory read at the tip, plus files at the root of
   * the ref's tree. Not thread-safe: it belongs to one attempt.
   */
  static final class Edit {
    private final Optional<RevTree> root;
    private final ObjectReader objects;
    private final ObjectInserter inserter;
    private final CheckpointDirectory directory;
    private final Map<String, ObjectId> rootFiles = new LinkedHashMap<>();

    private Edit(Optional<RevTree> root, ObjectReader objects, ObjectInserter inserter,
        CheckpointDirectory directory) {
      this.root = root;
      this.objects = objects;
      this.inserter = inserter;
      this.directory = directory;
    }

    /**
     * {@return whether the ref exists, or its remote-tracking copy that a commit starts it at;
     * when neither does, a commit starts it as an orphan}
     */
    boolean refExists() {
      return root.isPresent();
    }

    /** {@return the root tree at the tip, empty when the ref does not exist} */
    Optional<RevTree> root() {
      return root;
    }

    /** {@return the checkpoint's directory as the tip holds it, edited in place} */
    CheckpointDirectory directory() {
      return directory;
    }

    /** {@return the reader of this attempt} */
    ObjectReader objects() {
      return objects;
    }

    /** {@return the inserter of this attempt, flushed before the ref moves} */
    ObjectInserter inserter() {
      return inserter;
    }

    /** Puts (or replaces) a file at the root of the ref's tree, as a regular-file blob. */
    void putAtRoot(String name, ObjectId blob) {
      rootFiles.put(name, blob.copy());
    }
  }

  /**
   * Runs the edit loop on one checkpoint directory of one ref.
   *
   * @param ref the ref, from {@code RefNames}
   * @param id the checkpoint whose directory is edited
   * @param author the author and committer of the commit
   * @param orphanMessage the message of the empty orphan commit a missing ref starts from
   * @param editor edits the directory in each attempt
   * @return the value of the attempt that took effect
   */
  <T> T edit(String ref, CheckpointId id, Author author, String orphanMessage,
      Editor<T> editor) {
    return run(ref, id, author, Optional.of(orphanMessage), editor);
  }

  /**
   * Runs the edit loop on a ref whose whole tree is the checkpoint directory (docs/git-refs-layout.md): the
   * first commit of a missing ref is itself the orphan (no empty commit before it), every later
   * one a child of the tip. Files at the root are the directory's own; {@link Edit#putAtRoot} is
   * not for this placement.
   *
   * @param ref the checkpoint's ref, from {@code RefNames}
   * @return the value of the attempt that took effect
   */
  <T> T editAtRoot(String ref, CheckpointId id, Author author, Editor<T> editor) {
    return run(ref, id, author, Optional.empty(), editor);
  }

  /**
   * The loop.
   *
   * @param orphanMessage the message of the empty commit a missing ref starts from; empty when
   *     the directory is the ref's root (and a missing ref starts with the edit's commit)
   */
  private <T> T run(String ref, CheckpointId id, Author author, Optional<String> orphanMessage,
      Editor<T> editor) {
    return refCas.update(ref, tip -> attempt(ref, tip, id, author, orphanMessage, editor));
  }

  /**
   * One attempt of the {@link #edit} loop on a tip the caller read, without moving the ref: for
   * a write that moves several refs in one transaction ({@link V2AtomicWrite}). The objects are
   * inserted and flushed before it returns.
   *
   * @param tip the commit the edit builds on: the ref's tip (empty when the ref is missing: its
   *     remote-tracking copy, else an orphan), or another base such as a new generation's seed
   * @return the commit to move the ref to (empty when the editor left it alone) and the value
   */
  <T> RefCas.Attempt<T> attempt(String ref, Optional<RevCommit> tip, CheckpointId id,
      Author author, String orphanMessage, Editor<T> editor) throws IOException {
    return attempt(ref, tip, id, author, Optional.of(orphanMessage), editor);
  }

  private <T> RefCas.Attempt<T> attempt(String ref, Optional<RevCommit> tip, CheckpointId id,
      Author author, Optional<String> orphanMessage, Editor<T> editor) throws IOException {
    boolean atRoot = orphanMessage.isEmpty();
    try (ObjectInserter inserter = settings.newInserter(repository);
        ObjectReader objects = inserter.newReader()) {
      // A v1/v2 ref missing locally starts at its remote-tracking copy, as a fresh clone's
      // branch would (docs/checkpoint-format.md#real-repositories), else as an orphan; a
      // git-refs checkpoint ref (the directory at the root) starts with the edit's own commit.
      Optional<RevCommit> base = tip;
      if (base.isEmpty() && !atRoot) {
        try (RevWalk walk = new RevWalk(objects)) {
          base = TrackedStart.of(repository, walk, ref);
        }
      }
      Optional<RevTree> root = base.map(RevCommit::getTree);
      Edit edit = new Edit(root, objects, inserter, atRoot
          ? CheckpointDirectory.atRoot(objects, root, id, ref)
          : CheckpointDirectory.read(objects, root, id, ref));
      Edited<T> edited = editor.apply(edit);
      if (edited.message().isEmpty()) {
        return RefCas.Attempt.leave(edited.value());
      }
      if (atRoot && !edit.rootFiles.isEmpty()) {
        throw new IllegalStateException("the checkpoint directory is the root of " + ref
            + "; there is no other root file to put: " + edit.rootFiles.keySet());
      }
      ObjectId newRoot = edit.directory.writeInto(inserter);
      for (Map.Entry<String, ObjectId> file : edit.rootFiles.entrySet()) {
        newRoot = TreeSurgery.put(objects, inserter, Optional.of(newRoot), file.getKey(),
            FileMode.REGULAR_FILE, Optional.of(file.getValue()));
      }
      Optional<ObjectId> parent = base.isPresent() ? Optional.of(base.get().copy())
          : orphanMessage.isPresent()
              ? Optional.of(initialCommit(inserter, orphanMessage.get())) : Optional.empty();
      ObjectId commit = Commits.create(inserter, newRoot, parent, author,
          settings.clock(), edited.message().get());
      inserter.flush();
      return RefCas.Attempt.commit(commit, edited.value());
    }
  }

  /** Inserts an orphan commit with an empty tree: how a missing checkpoint ref starts. */
  private ObjectId initialCommit(ObjectInserter inserter, String message) throws IOException {
    ObjectId emptyTree = inserter.insert(new TreeFormatter());
    return Commits.create(inserter, emptyTree, Optional.empty(),
        Commits.configuredAuthor(repository), settings.clock(), message);
  }
}
