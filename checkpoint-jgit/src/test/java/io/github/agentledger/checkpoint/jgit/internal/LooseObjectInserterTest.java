package io.github.agentledger.checkpoint.jgit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's loose-object inserter: git's level rule, git's format, no duplicate writes. */
class LooseObjectInserterTest {
  @TempDir Path dir;

  private FileRepository repository() throws IOException {
    FileRepository repository = (FileRepository) FileRepositoryBuilder.create(
        dir.resolve(".git").toFile());
    repository.create(true);
    return repository;
  }

  private static Config config(String text) throws Exception {
    Config config = new Config();
    config.fromText(text);
    return config;
  }

  private Path loose(ObjectId id) {
    return dir.resolve(".git/objects").resolve(id.name().substring(0, 2))
        .resolve(id.name().substring(2));
  }

  @Test
  void levelFollowsGitsRuleLooseCompressionThenCompressionThenOne() throws Exception {
    assertThat(LooseObjectInserter.looseLevel(config(""))).isEqualTo(1);
    assertThat(LooseObjectInserter.looseLevel(config("[core]\n compression = 6\n"))).isEqualTo(6);
    assertThat(LooseObjectInserter.looseLevel(
        config("[core]\n compression = 6\n looseCompression = 0\n"))).isZero();
    assertThat(LooseObjectInserter.looseLevel(config("[core]\n compression = -1\n")))
        .isEqualTo(-1);
    assertThat(LooseObjectInserter.looseLevel(config("[core]\n looseCompression = 42\n")))
        .isEqualTo(1);
  }

  @Test
  void streamedAndArrayInsertsGiveJGitsIdsAndObjectsJGitReads() throws Exception {
    byte[] big = new byte[100_000];
    new Random(3).nextBytes(big);
    byte[] small = "small blob\n".getBytes(StandardCharsets.UTF_8);
    try (FileRepository repository = repository();
        LooseObjectInserter inserter = new LooseObjectInserter(repository.getObjectDatabase(),
            repository.getConfig());
        ObjectInserter.Formatter formatter = new ObjectInserter.Formatter()) {
      ObjectId streamed = inserter.insert(Constants.OBJ_BLOB, big.length,
          new ByteArrayInputStream(big));
      ObjectId array = inserter.insert(Constants.OBJ_BLOB, small);
      ObjectId streamedSmall = inserter.insert(Constants.OBJ_BLOB, small.length,
          new ByteArrayInputStream(small));

      assertThat(streamed).isEqualTo(formatter.idFor(Constants.OBJ_BLOB, big));
      assertThat(array).isEqualTo(formatter.idFor(Constants.OBJ_BLOB, small))
          .isEqualTo(streamedSmall);
      try (ObjectReader reader = repository.newObjectReader()) {
        assertThat(reader.open(streamed).getBytes()).isEqualTo(big);
        assertThat(reader.open(array).getBytes()).isEqualTo(small);
      }
      assertThat(loose(streamed)).isRegularFile();
    }
  }

  @Test
  void aShortStreamFailsAndLeavesNothing() throws Exception {
    try (FileRepository repository = repository();
        LooseObjectInserter inserter = new LooseObjectInserter(repository.getObjectDatabase(),
            repository.getConfig())) {
      assertThatThrownBy(() -> inserter.insert(Constants.OBJ_BLOB, 50_000,
          new ByteArrayInputStream(new byte[10_000])))
          .isInstanceOf(EOFException.class).hasMessageContaining("50000");
    }
    try (Stream<Path> files = Files.walk(dir.resolve(".git/objects"))) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void anObjectAlreadyPackedOrLooseIsNotWrittenAgain() throws Exception {
    byte[] packedContent = "packed\n".getBytes(StandardCharsets.UTF_8);
    byte[] looseContent = "loose\n".getBytes(StandardCharsets.UTF_8);
    try (FileRepository repository = repository()) {
      ObjectId packed;
      try (PackInserter packer = repository.getObjectDatabase().newPackInserter()) {
        packed = packer.insert(Constants.OBJ_BLOB, packedContent);
        packer.flush();
      }
      try (LooseObjectInserter inserter = new LooseObjectInserter(
          repository.getObjectDatabase(), repository.getConfig())) {
        assertThat(inserter.insert(Constants.OBJ_BLOB, packedContent)).isEqualTo(packed);
        ObjectId first = inserter.insert(Constants.OBJ_BLOB, looseContent);
        long modified = Files.getLastModifiedTime(loose(first)).toMillis();
        Files.setLastModifiedTime(loose(first),
            java.nio.file.attribute.FileTime.fromMillis(modified - 60_000));
        assertThat(inserter.insert(Constants.OBJ_BLOB, looseContent)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(loose(first)).toMillis())
            .isEqualTo(modified - 60_000);
      }
      assertThat(loose(packed)).doesNotExist();
    }
  }
}
