package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.ConversationReplayContract;
import io.github.agentledger.segment.SegmentLineageContract;
import io.github.agentledger.segment.SegmentRef;
import io.github.agentledger.segment.SegmentRetentionContract;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The lineage, retention and conversation suites of the API, run over the JSONL store. */
class JsonlSegmentLineageTest {
  @TempDir Path dir;

  private JsonlSegmentStore open() {
    return JsonlSegmentStore.open(dir.resolve("store"), Durability.NONE);
  }

  @Nested
  class Lineage extends SegmentLineageContract {
    @Override
    protected SegmentStore newStore() {
      return open();
    }

    @Override
    protected void corruptLine(SegmentStore store, SegmentRef segment, long lineNumber) {
      JsonlSegmentStoreContractTest.corrupt(
          ((JsonlSegmentStore) store).root(), segment.sessionId(), segment.segmentId(), lineNumber);
    }
  }

  @Nested
  class Retention extends SegmentRetentionContract {
    @Override
    protected SegmentStore newStore() {
      return open();
    }

    @Override
    protected void setLastModified(SegmentStore store, SessionId sessionId, Instant time) {
      Path session = ((JsonlSegmentStore) store).root().resolve(sessionId.toString());
      try (DirectoryStream<Path> files = Files.newDirectoryStream(session)) {
        for (Path file : files) {
          Files.setLastModifiedTime(file, FileTime.from(time));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Nested
  class Conversation extends ConversationReplayContract {
    @Override
    protected SegmentStore newStore() {
      return open();
    }
  }
}
