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
import org.eclipse.jgit.revwalk.RevCommit;
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
    String shard = id.substring(0, 2);
    try (ObjectInserter inserter = inserters.open(repository);
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      ObjectId tipId = repository.exactRef(BenchRepository.V1_BRANCH).getObjectId();
      RevCommit tip = walk.parseCommit(tipId);
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
      ObjectId checkpointTree = inserter.insert(checkpoint);
      ObjectId shardTree = withEntry(reader, inserter, find(reader, tip.getTree(), shard),
          id.substring(2), checkpointTree);
      ObjectId root = withEntry(reader, inserter, tip.getTree(), shard, shardTree);
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(root);
      commit.setParentId(tipId);
      PersonIdent ident = new PersonIdent("Bench", "bench@example.com", Instant.now(),
          ZoneOffset.UTC);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage("Checkpoint: " + id + "\n");
      ObjectId commitId = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repository.updateRef(BenchRepository.V1_BRANCH);
      update.setExpectedOldObjectId(tipId);
      update.setNewObjectId(commitId);
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.FAST_FORWARD) {
        throw new IllegalStateException("baseline ref update failed: " + result);
      }
      return commitId.name();
    }
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
