package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.internal.Blobs;
import io.github.agentledger.checkpoint.jgit.internal.RefNames;
import io.github.agentledger.checkpoint.jgit.internal.TreeFiles;
import io.github.agentledger.checkpoint.jgit.internal.TreeSurgery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.junit.jupiter.api.Test;

/** Surgery on one path gives the same tree as flattening everything and rebuilding (§9.1). */
class TreeSurgeryTest {
  private final Repository repository = TestRepos.inMemory();

  @Test
  void surgeryEqualsAFullFlattenAndRebuild() throws Exception {
    JGitCheckpointStore store = TestRepos.store(repository).build();
    for (int i = 0; i < 40; i++) {
      store.write(WriteRequest.builder(CheckpointId.parse(String.format("%02x%010x", i % 5, i)),
          AgentSessionId.of("s")).transcript(Transcript.ofUtf8("{\"i\":" + i + "}\n"))
          .prompts(List.of("p")).build());
    }
    RevTree root = RefTrees.tip(repository, RefNames.V1_BRANCH).getTree();
    CheckpointId target = CheckpointId.parse("020000000007");

    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      CheckpointDirectory dir =
          CheckpointDirectory.read(reader, Optional.of(root), target, RefNames.V1_BRANCH);
      ObjectId blob = Blobs.insert(inserter, new byte[] {'x'});
      dir.putBlob("1/prompt.txt", blob);
      dir.remove("0/prompt.txt");
      ObjectId bySurgery = dir.writeInto(inserter);

      SortedMap<String, TreeFiles.FileEntry> all = TreeFiles.flatten(reader, root);
      all.put(target.shardedPath() + "/1/prompt.txt", TreeFiles.FileEntry.blob(blob));
      all.remove(target.shardedPath() + "/0/prompt.txt");
      ObjectId byRebuild = TreeFiles.write(inserter, all);

      assertThat(bySurgery).isEqualTo(byRebuild);
    }
  }

  @Test
  void removingTheLastEntryRemovesEmptyParents() throws Exception {
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      ObjectId blob = Blobs.insert(inserter, new byte[] {'x'});
      ObjectId keep = TreeFiles.write(inserter, Map.of("keep.txt", TreeFiles.FileEntry.blob(blob)));
      ObjectId withPath = TreeSurgery.put(reader, inserter, Optional.of(keep), "aa/bbbb/file",
          FileMode.REGULAR_FILE, Optional.of(blob));
      inserter.flush();

      ObjectId removed = TreeSurgery.put(reader, inserter, Optional.of(withPath), "aa/bbbb/file",
          FileMode.REGULAR_FILE, Optional.empty());

      assertThat(removed).isEqualTo(keep);
      assertThat(TreeSurgery.lookup(reader, withPath, "aa/bbbb/file", FileMode.REGULAR_FILE))
          .contains(blob);
      assertThat(TreeSurgery.lookup(reader, withPath, "aa/bbbb", FileMode.REGULAR_FILE))
          .isEmpty();
    }
  }

  @Test
  void aDirectoryIsPlacedInGitOrderAmongNamesThatShareItsPrefix() throws Exception {
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      ObjectId blob = Blobs.insert(inserter, new byte[] {'x'});
      ObjectId sub = TreeFiles.write(inserter, Map.of("f", TreeFiles.FileEntry.blob(blob)));
      Map<String, TreeFiles.FileEntry> files = new java.util.TreeMap<>(Map.of(
          "ab-x", TreeFiles.FileEntry.blob(blob), "ab.txt", TreeFiles.FileEntry.blob(blob),
          "ab0", TreeFiles.FileEntry.blob(blob), "abc/f", TreeFiles.FileEntry.blob(blob),
          "a", TreeFiles.FileEntry.blob(blob)));
      ObjectId before = TreeFiles.write(inserter, files);
      inserter.flush();

      ObjectId bySurgery = TreeSurgery.put(reader, inserter, Optional.of(before), "ab",
          FileMode.TREE, Optional.of(sub));

      files.put("ab/f", TreeFiles.FileEntry.blob(blob));
      assertThat(bySurgery).isEqualTo(TreeFiles.write(inserter, files));
    }
  }
}
