package io.github.agentledger.segment.jsonl;

import io.github.agentledger.segment.ConversationContract;
import io.github.agentledger.segment.SegmentStore;
import io.github.agentledger.segment.SessionKeysContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The keys and conversation contracts, run against the JSONL store. */
class JsonlConversationTest {
  @TempDir Path dir;

  @Nested
  class Keys extends SessionKeysContract {
    @Override
    protected SegmentStore newStore() {
      return JsonlSegmentStore.open(dir.resolve("keys"), Durability.NONE);
    }
  }

  @Nested
  class Conversations extends ConversationContract {
    @Override
    protected SegmentStore newStore() {
      return JsonlSegmentStore.open(dir.resolve("conversations"), Durability.NONE);
    }
  }
}
