package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SegmentStoreContract;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The {@link SegmentStoreContract}, run against the JSONL store in each durability mode. */
class JsonlSegmentStoreContractTest {
  /** Runs the contract on a store in a fresh temp directory. */
  abstract static class OnDisk extends SegmentStoreContract {
    @TempDir Path dir;

    abstract Durability durability();

    @Override
    protected SegmentStore newStore() {
      return JsonlSegmentStore.open(dir.resolve("store"), durability());
    }

    @Override
    protected void corruptLine(
        SegmentStore store, SessionId sessionId, SegmentId segmentId, long lineNumber) {
      corrupt(((JsonlSegmentStore) store).root(), sessionId, segmentId, lineNumber);
    }
  }

  /** Replaces committed line {@code lineNumber} (1-based) by text that is not JSON. */
  static void corrupt(Path root, SessionId sessionId, SegmentId segmentId, long lineNumber) {
    Path file = root.resolve(sessionId.toString()).resolve(segmentId + ".jsonl");
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
      lines.set((int) lineNumber - 1, "{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":");
      Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Nested
  class None extends OnDisk {
    @Override
    Durability durability() {
      return Durability.NONE;
    }
  }

  @Nested
  class GroupCommit extends OnDisk {
    @Override
    Durability durability() {
      return Durability.GROUP_COMMIT;
    }
  }

  @Nested
  class FsyncEach extends OnDisk {
    @Override
    Durability durability() {
      return Durability.FSYNC_EACH;
    }
  }
}
