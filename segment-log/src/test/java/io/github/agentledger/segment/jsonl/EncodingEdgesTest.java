package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.github.agentledger.segment.HistoryItem;
import io.github.agentledger.segment.InvalidTextException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.Role;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodingEdgesTest {
  @Test
  void loneSurrogateCannotBeEncodedSilently() {
    LogEntry entry =
        new LogEntry.AssistantItem(1, HistoryItem.Message.text(Role.ASSISTANT, "bad \ud800 text"));

    assertThatThrownBy(() -> EntryCodec.encode(entry))
        .isInstanceOfSatisfying(InvalidTextException.class, e -> {
          assertThat(e.entryKind()).isEqualTo("assistant_item");
          assertThat(e.field()).isEqualTo("item.content[0].text");
        })
        .hasMessageContaining("lone surrogate");
  }

  @Test
  void aLoneLowSurrogateOrAHighSurrogateAtTheEndIsRejectedToo() {
    for (String bad : new String[] {"x \udc00 y", "ends with \ud83d", "\udc00\ud83d"}) {
      LogEntry entry = new LogEntry.RunErrored(1, false, bad);

      assertThatThrownBy(() -> EntryCodec.encode(entry))
          .as(bad)
          .isInstanceOfSatisfying(InvalidTextException.class, e -> {
            assertThat(e.entryKind()).isEqualTo("run_errored");
            assertThat(e.field()).isEqualTo("message");
          })
          .hasMessageContaining("lone surrogate");
    }
  }

  @Test
  void surrogatePairsAreEncodedAsFourByteUtf8() {
    LogEntry entry = new LogEntry.RunErrored(1, false, "smile \ud83d\ude00 done");

    byte[] line = EntryCodec.encode(entry);

    assertThat(new String(line, StandardCharsets.UTF_8)).contains("smile \ud83d\ude00 done");
    assertThat(line).containsSequence((byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80);
    assertThat(EntryCodec.decode(line)).isEqualTo(entry);
  }

  @Test
  void controlAndSeparatorCharactersAreEscapedSoTheLineStaysOneLine() {
    String text = "a\nb\rc\u2028d\u2029e\u0000f\"g\\h";
    LogEntry entry = new LogEntry.RunErrored(1, true, text);

    byte[] line = EntryCodec.encode(entry);

    for (byte b : line) {
      assertThat(b).isNotEqualTo((byte) '\n').isNotEqualTo((byte) '\r');
    }
    assertThat(new String(line, StandardCharsets.UTF_8)).doesNotContain("\u2028", "\u2029");
    assertThat(EntryCodec.decode(line)).isEqualTo(entry);
  }

  @Test
  void gsonAdapterWritesAndReadsTheSameLines() throws IOException {
    LogEntryAdapter adapter = new LogEntryAdapter();
    LogEntry entry = new LogEntry.TurnEnd(7, 3);

    String json = adapter.toJson(entry);
    JsonReader reader = new JsonReader(new StringReader(json));
    reader.setStrictness(Strictness.STRICT);

    assertThat(json).isEqualTo(EntryCodec.encodeToString(entry));
    assertThat(adapter.read(reader)).isEqualTo(entry);
  }
}
