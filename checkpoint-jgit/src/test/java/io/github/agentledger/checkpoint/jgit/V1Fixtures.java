package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.jgit.internal.Commits;
import io.github.agentledger.checkpoint.jgit.internal.TreeFiles;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.internal.fsck.FsckError;
import org.eclipse.jgit.internal.storage.dfs.DfsFsck;
import org.eclipse.jgit.internal.storage.dfs.DfsRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** Hand-made repository states for tests, built with JGit's object API (no store code). */
final class V1Fixtures {
  private V1Fixtures() {}

  /** Commits a tree holding exactly {@code files} (path to UTF-8 content) onto {@code ref}. */
  static ObjectId commitFiles(Repository repository, String ref, Map<String, String> files) {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      Map<String, TreeFiles.FileEntry> entries = new java.util.TreeMap<>();
      for (Map.Entry<String, String> file : files.entrySet()) {
        entries.put(file.getKey(), TreeFiles.FileEntry.blob(inserter.insert(
            org.eclipse.jgit.lib.Constants.OBJ_BLOB,
            file.getValue().getBytes(StandardCharsets.UTF_8))));
      }
      ObjectId tree = TreeFiles.write(inserter, entries);
      return commitTree(repository, inserter, ref, tree, "fixture");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces one file of the ref's tip tree, committing on top of the tip. */
  static ObjectId replaceFile(Repository repository, String ref, String path, String content) {
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      ObjectId blob = inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB,
          content.getBytes(StandardCharsets.UTF_8));
      ObjectId tree = TreeSurgery.put(reader, inserter,
          Optional.of(RefTrees.tip(repository, ref).getTree().copy()), path,
          FileMode.REGULAR_FILE, Optional.of(blob));
      return commitTree(repository, inserter, ref, tree, "tamper " + path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectId commitTree(Repository repository, ObjectInserter inserter, String ref,
      ObjectId tree, String message) throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    ObjectId parent = RefTrees.tipId(repository, ref);
    if (parent != null) {
      commit.setParentId(parent);
    }
    PersonIdent ident = new PersonIdent("Fixture", "fixture@example.com", TestRepos.T0,
        ZoneOffset.UTC);
    commit.setAuthor(ident);
    commit.setCommitter(ident);
    commit.setMessage(message);
    ObjectId id = inserter.insert(commit);
    inserter.flush();
    RefUpdate update = repository.updateRef(ref);
    update.setNewObjectId(id);
    update.setForceUpdate(true);
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
        && result != RefUpdate.Result.FAST_FORWARD) {
      throw new IllegalStateException("fixture ref update failed: " + result);
    }
    return id;
  }

  /** JGit's fsck over an in-memory repository (tree order, object format, connectivity). */
  static List<String> fsckProblems(Repository repository) throws IOException {
    FsckError errors = new DfsFsck((DfsRepository) repository).check(NullProgressMonitor.INSTANCE);
    List<String> problems = new ArrayList<>();
    errors.getCorruptObjects().forEach(o -> problems.add("corrupt " + o.getId().name() + ": "
        + o.getErrorType()));
    errors.getMissingObjects().forEach(o -> problems.add("missing " + o.name()));
    errors.getCorruptIndices().forEach(i -> problems.add("index " + i.getFileName()));
    return problems;
  }
}
