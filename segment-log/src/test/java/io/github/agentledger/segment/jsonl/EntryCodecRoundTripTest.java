package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.LogEntryFixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EntryCodecRoundTripTest {
  static Stream<LogEntry> everyKindAndVariant() {
    List<LogEntry> entries =
        new ArrayList<>(LogEntryFixtures.startVariants(LogEntryFixtures.SESSION));
    entries.addAll(LogEntryFixtures.body());
    return entries.stream();
  }

  @ParameterizedTest
  @MethodSource("everyKindAndVariant")
  void entryDecodesToItself(LogEntry entry) {
    byte[] line = EntryCodec.encode(entry);

    assertThat(EntryCodec.decode(line)).isEqualTo(entry);
  }

  @ParameterizedTest
  @MethodSource("everyKindAndVariant")
  void lineIsOneCompactObjectWithKindFirstAndNoNewline(LogEntry entry) {
    String line = new String(EntryCodec.encode(entry), StandardCharsets.UTF_8);

    assertThat(line).doesNotContain("\n").doesNotContain("\r");
    if (!(entry instanceof LogEntry.Unknown)) {
      assertThat(line).startsWith("{\"kind\":\"" + entry.kind() + "\",\"ts\":" + entry.ts());
    }
  }

  @ParameterizedTest
  @MethodSource("everyKindAndVariant")
  void writingADecodedLineGivesTheSameBytes(LogEntry entry) {
    byte[] line = EntryCodec.encode(entry);

    assertThat(EntryCodec.encode(EntryCodec.decode(line))).isEqualTo(line);
  }
}
