package io.github.agentledger.checkpoint.jgit.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TreeScan} and the streamed path of {@link TreeSurgery#read}: on a real on-disk
 * repository, a tree read from a stream (a reader whose streaming threshold is below the tree's
 * size) gives exactly the entries a whole read gives, and malformed tree bytes are a {@link
 * CorruptObjectException} naming the tree, never a runtime exception.
 */
class TreeScanTest {
  @TempDir Path temp;

  private Repository repository() throws IOException {
    Repository repository = new FileRepository(temp.resolve("repo.git").toFile());
    repository.create(true);
    return repository;
  }

  private static ObjectId insertTree(Repository repository, byte[] raw) throws IOException {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      ObjectId id = inserter.insert(Constants.OBJ_TREE, raw);
      inserter.flush();
      return id;
    }
  }

  @Test
  void aStreamedTreeReadsAsTheWholeTreeDoes() throws IOException {
    try (Repository repository = repository()) {
      ObjectId blob;
      try (ObjectInserter inserter = repository.newObjectInserter()) {
        blob = inserter.insert(Constants.OBJ_BLOB, "x".getBytes(UTF_8));
        inserter.flush();
      }
      // TreeFormatter wants sorted names; git's order is by bytes, as a sorted TreeMap gives.
      TreeFormatter sorted = new TreeFormatter();
      TreeMap<String, FileMode> names = new TreeMap<>();
      names.put("metadata.json", FileMode.REGULAR_FILE);
      for (int i = 0; i < 5000; i++) {
        names.put(Integer.toString(i), FileMode.TREE);
      }
      names.forEach((name, mode) -> sorted.append(name, mode, blob));
      ObjectId id = insertTree(repository, sorted.toByteArray());

      List<TreeSurgery.Entry> whole;
      try (ObjectReader reader = repository.newObjectReader()) {
        whole = TreeSurgery.read(reader, id);
      }
      List<TreeSurgery.Entry> streamed;
      List<String> visited = new ArrayList<>();
      try (ObjectReader reader = BoundedObjectReader.openStreaming(repository, Long.MAX_VALUE,
          1024)) {
        assertThat(reader.open(id).isLarge()).as("read as a stream").isTrue();
        streamed = TreeSurgery.read(reader, id);
        TreeScan.scan(reader, id, (mode, name, length, raw) -> {
          if (TreeScan.slotNumber(name, length) == 4321 && TreeScan.isTree(mode)) {
            visited.add(TreeScan.id(raw).name());
          }
        });
      }
      assertThat(streamed).hasSize(5001);
      assertThat(described(streamed)).isEqualTo(described(whole));
      assertThat(visited).containsExactly(blob.name());
    }
  }

  private static List<String> described(List<TreeSurgery.Entry> entries) {
    return entries.stream().map(e -> e.mode() + " " + e.name() + " " + e.id().name()).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"cutInId", "cutInName", "cutInMode", "notOctal", "emptyName",
      "noMode"})
  void malformedTreeBytesAreCorruptionNamingTheTree(String damage) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    byte[] id = new byte[20];
    raw.writeBytes("100644 a\0".getBytes(UTF_8));
    raw.writeBytes(id);
    switch (damage) {
      case "cutInId" -> {
        raw.writeBytes("100644 b\0".getBytes(UTF_8));
        raw.write(id, 0, 7);
      }
      case "cutInName" -> raw.writeBytes("100644 bbb".getBytes(UTF_8));
      case "cutInMode" -> raw.writeBytes("1006".getBytes(UTF_8));
      case "notOctal" -> raw.writeBytes("100944 b\0".getBytes(UTF_8));
      case "emptyName" -> raw.writeBytes("100644 \0".getBytes(UTF_8));
      case "noMode" -> raw.writeBytes(" b\0".getBytes(UTF_8));
      default -> throw new IllegalArgumentException(damage);
    }
    if (!damage.startsWith("cut")) {
      raw.writeBytes(id);
    }
    try (Repository repository = repository()) {
      ObjectId tree = insertTree(repository, raw.toByteArray());
      try (ObjectReader reader = repository.newObjectReader()) {
        assertThatThrownBy(() -> TreeScan.scan(reader, tree, (m, n, l, i) -> { }))
            .isInstanceOf(CorruptObjectException.class).hasMessageContaining(tree.name())
            .hasMessageContaining("malformed tree");
      }
    }
  }
}
