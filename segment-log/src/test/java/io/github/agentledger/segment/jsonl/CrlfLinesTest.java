package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import io.github.agentledger.segment.SegmentId;
import io.github.agentledger.segment.SegmentWriter;
import io.github.agentledger.segment.SessionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 21, item 11: CRLF line endings are read alike for known and unknown kinds. */
class CrlfLinesTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;
  private static final SegmentId SEGMENT = SegmentId.parse("0197a000-0000-7000-8000-0000000000c1");

  @TempDir Path dir;

  @Test
  void crlfLinesOfKnownAndUnknownKindsReadAlikeAndAWriterContinuesAfterThem()
      throws IOException {
    JsonlSegmentStore store = JsonlSegmentStore.open(dir, Durability.NONE);
    store.create(SESSION, SEGMENT, List.of(LogEntryFixtures.start(SESSION)));
    Path file = dir.resolve(SESSION.toString()).resolve(SEGMENT + ".jsonl");
    String lf = Files.readString(file);
    String crlf = lf.replace("\n", "\r\n")
        + "{\"kind\":\"invoke\",\"ts\":2,\"trigger\":\"user_send\"}\r\n"
        + "{\"kind\":\"from_the_future\",\"ts\":3,\"x\":[1,2]}\r\n"
        + "\r\n"
        + "{\"kind\":\"turn_end\",\"ts\":4,\"turn_count\":1}\r\n";
    Files.writeString(file, crlf, StandardCharsets.UTF_8);

    List<LogEntry> entries;
    try (var stream = store.read(SESSION, SEGMENT)) {
      entries = stream.toList();
    }
    assertThat(entries).hasSize(4);
    assertThat(entries.get(2)).isInstanceOfSatisfying(LogEntry.Unknown.class,
        u -> assertThat(u.rawLine()).isEqualTo("{\"kind\":\"from_the_future\",\"ts\":3,\"x\":[1,2]}"));
    assertThat(store.restore(SESSION, SEGMENT).turnCount()).isEqualTo(1);

    try (SegmentWriter writer = store.openWriter(SESSION, SEGMENT)) {
      assertThat(writer.entryCount()).isEqualTo(4);
      writer.append(List.of(new LogEntry.TurnEnd(5, 2)));
      writer.truncate(3); // cut after the unknown line's CRLF, not in the middle of it
    }
    assertThat(Files.readString(file)).endsWith("\"x\":[1,2]}\r\n");
    try (var stream = store.read(SESSION, SEGMENT)) {
      assertThat(stream.toList()).hasSize(3);
    }
  }
}
