package io.github.agentledger.checkpoint.jgit;

import io.github.agentledger.checkpoint.CommitId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Real repositories for tests: in memory, or on disk in a temporary directory. */
public final class TestRepos {
  public static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

  private TestRepos() {}

  public static InMemoryRepository inMemory() {
    return new InMemoryRepository(new DfsRepositoryDescription("test"));
  }

  public static Repository onDisk(Path dir) {
    try {
      Repository repository = FileRepositoryBuilder.create(dir.resolve(".git").toFile());
      repository.create();
      return repository;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Repository openOnDisk(Path dir) {
    try {
      return new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A store with a fixed clock, seeded ids and immediate retries: nothing in it sleeps. */
  public static JGitCheckpointStore.Builder store(Repository repository) {
    return JGitCheckpointStore.builder(repository)
        .clock(Clock.fixed(T0, ZoneOffset.UTC))
        .random(new SplittableRandom(42))
        .retryPolicy(RetryPolicy.immediate(10_000))
        .sleeper(duration -> {
          throw new AssertionError("tests never sleep, asked for " + duration);
        });
  }

  public static CommitId commit(Repository repository, String message) {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(new TreeFormatter()));
      PersonIdent ident = new PersonIdent("Dev", "dev@example.com", T0, ZoneOffset.UTC);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return CommitId.parse(id.name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
