package io.github.agentledger.segment.postgres;

import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.Role;
import io.github.agentledger.segment.SessionId;
import java.util.List;
import java.util.Optional;

/** Entries of realistic shape for this module's tests. */
final class PgEntries {
  private PgEntries() {}

  /** {@return a segment_start of the session} */
  static LogEntry.SegmentStart start(SessionId session) {
    return LogEntry.SegmentStart.fresh(1_000, session, Optional.of("You are a careful agent."),
        RequestConfig.defaults(), List.of());
  }

  /** {@return an assistant message whose text names who wrote it and its number} */
  static LogEntry message(String writer, long n) {
    return new LogEntry.AssistantItem(2_000 + n,
        HistoryItem.Message.text(Role.ASSISTANT, writer + " " + n));
  }
}
