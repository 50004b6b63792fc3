package io.github.agentledger.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * An on-disk repository whose v1 branch already holds a given number of checkpoints, each in the
 * real layout (summary, one session with metadata, a 1 KB transcript, hash and prompt). The
 * objects are written as one pack, so even 10 000 checkpoints take seconds to prepare.
 */
final class BenchRepository implements AutoCloseable {
  static final String V1_BRANCH = "refs/heads/entire/checkpoints/v1";

  final Path directory;
  final Repository repository;

  private BenchRepository(Path directory, Repository repository) {
    this.directory = directory;
    this.repository = repository;
  }

  static BenchRepository withCheckpoints(int count) {
    try {
      Path directory = Files.createTempDirectory("agentledger-bench");
      Repository repository = FileRepositoryBuilder.create(directory.resolve(".git").toFile());
      repository.create();
      populate(repository, count);
      return new BenchRepository(directory, repository);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The id of the {@code i}-th prepared checkpoint (spread over the 256 shards). */
  static String preparedId(int i) {
    long mixed = (i * 0x9E3779B97F4AL + 0x1234567L) & 0xFFFF_FFFF_FFFFL;
    return String.format("%012x", mixed);
  }

  private static void populate(Repository repository, int count) throws IOException {
    Map<String, Map<String, ObjectId>> shards = new TreeMap<>();
    try (PackInserter inserter = ((FileRepository) repository).getObjectDatabase()
        .newPackInserter()) {
      byte[] transcript = Transcripts.jsonl(1024, new SplittableRandom(1));
      ObjectId transcriptBlob = inserter.insert(Constants.OBJ_BLOB, transcript);
      ObjectId hashBlob = inserter.insert(Constants.OBJ_BLOB,
          "sha256:0000".getBytes(StandardCharsets.UTF_8));
      ObjectId promptBlob = inserter.insert(Constants.OBJ_BLOB,
          "prompt".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < count; i++) {
        String id = preparedId(i);
        String created = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i).toString();
        TreeFormatter session = new TreeFormatter();
        session.append("content_hash.txt", FileMode.REGULAR_FILE, hashBlob);
        session.append("full.jsonl", FileMode.REGULAR_FILE, transcriptBlob);
        session.append("metadata.json", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB,
            Transcripts.sessionMetadata(id, created)));
        session.append("prompt.txt", FileMode.REGULAR_FILE, promptBlob);
        TreeFormatter checkpoint = new TreeFormatter();
        checkpoint.append("0", FileMode.TREE, inserter.insert(session));
        checkpoint.append("metadata.json", FileMode.REGULAR_FILE,
            inserter.insert(Constants.OBJ_BLOB, Transcripts.summary(id)));
        shards.computeIfAbsent(id.substring(0, 2), k -> new TreeMap<>())
            .put(id.substring(2), inserter.insert(checkpoint));
      }
      TreeFormatter root = new TreeFormatter();
      for (Map.Entry<String, Map<String, ObjectId>> shard : shards.entrySet()) {
        TreeFormatter shardTree = new TreeFormatter();
        shard.getValue().forEach((name, tree) -> shardTree.append(name, FileMode.TREE, tree));
        root.append(shard.getKey(), FileMode.TREE, inserter.insert(shardTree));
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(root));
      PersonIdent ident = new PersonIdent("Bench", "bench@example.com",
          Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
      commit.setAuthor(ident);
      commit.setCommitter(ident);
      commit.setMessage("prepared " + count + " checkpoints");
      ObjectId commitId = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repository.updateRef(V1_BRANCH);
      update.setNewObjectId(commitId);
      update.setExpectedOldObjectId(ObjectId.zeroId());
      RefUpdate.Result result = update.update();
      if (result != RefUpdate.Result.NEW) {
        throw new IllegalStateException("could not prepare " + V1_BRANCH + ": " + result);
      }
    }
  }

  @Override
  public void close() {
    repository.close();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
