package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.AgentSessionId;
import io.github.agentledger.checkpoint.CheckpointId;
import io.github.agentledger.checkpoint.Transcript;
import io.github.agentledger.checkpoint.WriteRequest;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Remotes, clones and stores for sync tests: real repositories on disk, nothing mocked. */
public final class SyncFixture {
  public static final Clock CLOCK = Clock.fixed(TestRepos.T0.plusSeconds(3600), ZoneOffset.UTC);

  private SyncFixture() {}

  /** A bare repository at {@code dir}. */
  public static Repository bare(Path dir) {
    try {
      Repository repository = FileRepositoryBuilder.create(dir.toFile());
      repository.create(true);
      return repository;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String fileUrl(Path bare) {
    return "file://" + bare.toAbsolutePath();
  }

  public static CheckpointSync sync(Repository repository, String remote) {
    return CheckpointSync.builder(repository).remote(remote).clock(CLOCK).maxAttempts(5).build();
  }

  /** A v1 store whose ids come from {@code seed}, so two clones mint different ids. */
  public static JGitCheckpointStore store(Repository repository, long seed) {
    return TestRepos.store(repository).random(new SplittableRandom(seed)).build();
  }

  public static CheckpointId write(JGitCheckpointStore store, String session, String text) {
    CheckpointId id = store.newCheckpointId();
    write(store, id, session, text);
    return id;
  }

  public static void write(JGitCheckpointStore store, CheckpointId id, String session, String text) {
    store.write(WriteRequest.builder(id, AgentSessionId.of(session))
        .transcript(Transcript.ofUtf8("{\"text\":\"" + text + "\"}\n"))
        .prompts(List.of("prompt " + text)).checkpointsCount(1)
        .filesTouched(List.of("src/" + text + ".txt")).build());
  }

  /** Every ref of a repository under {@code prefix}, by name. */
  public static Map<String, ObjectId> refs(Repository repository, String prefix) {
    try {
      Map<String, ObjectId> refs = new TreeMap<>();
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(prefix)) {
        refs.put(ref.getName(), ref.getObjectId());
      }
      return refs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
