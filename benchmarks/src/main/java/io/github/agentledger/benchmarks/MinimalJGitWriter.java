package io.github.agentledger.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.jspecify.annotations.Nullable;

/**
 * The least a JGit writer must do to add one checkpoint: insert the blobs, rewrite the root, shard
 * and checkpoint trees, commit, and move the ref with one compare-and-swap. Its objects go through
 * a {@link FloorInserter}. Baseline only; {@link #close()} releases the repository object a
 * {@link FloorInserter#JGIT_LEVEL_1} writer opened.
 */
final class MinimalJGitWriter implements AutoCloseable {
  private final Repository repository;
  private final FloorInserter inserters;
  private final boolean ownsRepository;

  MinimalJGitWriter(Repository repository) {
    this(repository, FloorInserter.JGIT_DEFAULT);
  }

  MinimalJGitWriter(Repository repository, FloorInserter inserters) {
    this.repository = inserters.view(repository);
    this.inserters = inserters;
    this.ownsRepository = this.repository != repository;
  }

  @Override
  public void close() {
    if (ownsRepository) {
      repository.close();
    }
  }

  String write(String id, byte[] transcript) throws IOException {
    try (ObjectInserter inserter = inserters.open(repository);
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      TreeFormatter session = new TreeFormatter();
      session.append("content_hash.txt", FileMode.REGULAR_FILE,
          inserter.insert(Constants.OBJ_BLOB, Transcripts.contentHash(transcript)));
      session.append("full.jsonl", FileMode.REGULAR_FILE,
          inserter.insert(Constants.OBJ_BLOB, transcript));
      session.append("metadata.json", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB,
          Transcripts.sessionMetadata(id, "2026-05-01T00:00:00Z")));
      session.append("prompt.txt", FileMode.REGULAR_FILE, blob(inserter, "do the thing"));
      TreeFormatter checkpoint = new TreeFormatter();
      checkpoint.append("0", FileMode.TREE, inserter.insert(session));
      checkpoint.append("metadata.json", FileMode.REGULAR_FILE,
          inserter.insert(Constants.OBJ_BLOB, Transcripts.summary(id)));
      Commit commit = commit(reader, walk, inserter, BenchRepository.V1_BRANCH, id,
          inserter.insert(checkpoint));
      inserter.flush();
      commit.swap();
      return commit.next().name();
    }
  }

  /**
   * The least a writer of two refs must do, as a v2 write: one commit on {@code mainRef} whose
   * checkpoint directory holds the summary, session metadata and prompt, and one on {@code
   * fullRef} whose checkpoint directory holds the transcript and its hash, each with the same
   * tree surgery; the objects flushed once, then two compare-and-swaps, {@code fullRef} first.
   * A missing ref starts as an orphan.
   */
  String writeTwoRefs(String id, byte[] transcript, String mainRef, String fullRef)
      throws IOException {
    try (ObjectInserter inserter = inserters.open(repository);
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      TreeFormatter listed = new TreeFormatter();
      listed.append("metadata.json", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB,
          Transcripts.sessionMetadata(id, "2026-05-01T00:00:00Z")));
      listed.append("prompt.txt", FileMode.REGULAR_FILE, blob(inserter, "do the thing"));
      TreeFormatter mainCheckpoint = new TreeFormatter();
      mainCheckpoint.append("0", FileMode.TREE, inserter.insert(listed));
      mainCheckpoint.append("metadata.json", FileMode.REGULAR_FILE,
          inserter.insert(Constants.OBJ_BLOB, Transcripts.summary(id)));
      TreeFormatter raw = new TreeFormatter();
      raw.append("content_hash.txt", FileMode.REGULAR_FILE,
          inserter.insert(Constants.OBJ_BLOB, Transcripts.contentHash(transcript)));
      raw.append("full.jsonl", FileMode.REGULAR_FILE,
          inserter.insert(Constants.OBJ_BLOB, transcript));
      TreeFormatter fullCheckpoint = new TreeFormatter();
      fullCheckpoint.append("0", FileMode.TREE, inserter.insert(raw));
      Commit full = commit(reader, walk, inserter, fullRef, id, inserter.insert(fullCheckpoint));
      Commit main = commit(reader, walk, inserter, mainRef, id, inserter.insert(mainCheckpoint));
      inserter.flush();
      full.swap();
      main.swap();
      return main.next().name();
    }
  }

  /** A commit built on a ref's tip, to be swapped in once its objects are flushed. */
  private record Commit(Repository repository, String ref, @Nullable ObjectId expected,
      ObjectId next) {
    void swap() throws IOException {
      RefUpdate update = repository.updateRef(ref);
      update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
      update.setNewObjectId(next);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NEW) {
        throw new IllegalStateException("baseline ref update of " + ref + " failed: " + result);
      }
    }
  }

  /** Puts the checkpoint tree into the ref's root → shard tree and commits it on the tip. */
  private Commit commit(ObjectReader reader, RevWalk walk, ObjectInserter inserter, String ref,
      String id, ObjectId checkpointTree) throws IOException {
    String shard = id.substring(0, 2);
    org.eclipse.jgit.lib.Ref current = repository.exactRef(ref);
    ObjectId tipId = current == null ? null : current.getObjectId();
    ObjectId rootTree = tipId == null ? null : walk.parseCommit(tipId).getTree();
    ObjectId shardTree = withEntry(reader, inserter,
        rootTree == null ? null : find(reader, rootTree, shard), id.substring(2), checkpointTree);
    ObjectId root = withEntry(reader, inserter, rootTree, shard, shardTree);
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(root);
    if (tipId != null) {
      commit.setParentId(tipId);
    }
    PersonIdent ident = new PersonIdent("Bench", "bench@example.com", Instant.now(),
        ZoneOffset.UTC);
    commit.setAuthor(ident);
    commit.setCommitter(ident);
    commit.setMessage("Checkpoint: " + id + "\n");
    return new Commit(repository, ref, tipId, inserter.insert(commit));
  }

  private static ObjectId blob(ObjectInserter inserter, String text) throws IOException {
    return inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
  }

  private static @Nullable ObjectId find(ObjectReader reader, ObjectId tree, String name)
      throws IOException {
    CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
    for (; !parser.eof(); parser.next()) {
      if (parser.getEntryPathString().equals(name)) {
        return parser.getEntryObjectId();
      }
    }
    return null;
  }

  /** Rewrites a tree of directories with one entry added or replaced (names of equal length). */
  private static ObjectId withEntry(ObjectReader reader, ObjectInserter inserter,
      @Nullable ObjectId tree, String name, ObjectId subtree) throws IOException {
    List<String> names = new ArrayList<>();
    List<ObjectId> ids = new ArrayList<>();
    if (tree != null) {
      CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
      for (; !parser.eof(); parser.next()) {
        if (!parser.getEntryPathString().equals(name)) {
          names.add(parser.getEntryPathString());
          ids.add(parser.getEntryObjectId());
        }
      }
    }
    int at = 0;
    while (at < names.size() && names.get(at).compareTo(name) < 0) {
      at++;
    }
    names.add(at, name);
    ids.add(at, subtree);
    TreeFormatter formatter = new TreeFormatter();
    for (int i = 0; i < names.size(); i++) {
      formatter.append(names.get(i), FileMode.TREE, ids.get(i));
    }
    return inserter.insert(formatter);
  }
}
