package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.agentledger.segment.CorruptSegmentException;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.UnsupportedFormatVersionException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CorruptLineTest {
  private static final String START_FIELDS =
      "\"ts\":1,\"session_id\":\"0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70\",\"system_prompt\":null,"
          + "\"config\":{},\"history\":[]";

  static Stream<Arguments> corruptLines() {
    return Stream.of(
        Arguments.of("", "not valid JSON"),
        Arguments.of("   ", "not valid JSON"),
        Arguments.of("{not json", "not valid JSON"),
        Arguments.of("{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":1", "not valid JSON"),
        Arguments.of("{'kind':'turn_end','ts':1,'turn_count':1}", "not valid JSON"),
        Arguments.of("{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":1,}", "not valid JSON"),
        Arguments.of("{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":1} x", "not valid JSON"),
        Arguments.of("{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":1}{}", "not valid JSON"),
        Arguments.of("{\"kind\":\"turn_end\",\"ts\":NaN,\"turn_count\":1}", "not valid JSON"),
        Arguments.of("[1,2]", "must be a JSON object"),
        Arguments.of(
            "{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":1,\"turn_count\":2}",
            "duplicate field 'turn_count'"),
        Arguments.of(
            "{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":1,\"kind\":\"future\"}",
            "duplicate field 'kind'"),
        Arguments.of(
            "{\"kind\":\"extension\",\"ts\":1,\"domain\":\"d\",\"payload\":{\"a\":1,\"a\":2}}",
            "duplicate field 'a'"),
        Arguments.of("\"turn_end\"", "must be a JSON object"),
        Arguments.of("{\"ts\":1}", "missing required field 'kind'"),
        Arguments.of("{\"kind\":5,\"ts\":1}", "field 'kind' must be a string"),
        Arguments.of(
            "{\"kind\":\"turn_end\",\"ts\":1}", "turn_end: missing required field 'turn_count'"),
        Arguments.of(
            "{\"kind\":\"turn_end\",\"ts\":null,\"turn_count\":1}", "missing required field 'ts'"),
        Arguments.of(
            "{\"kind\":\"turn_end\",\"ts\":\"1\",\"turn_count\":1}", "'ts' must be an integer"),
        Arguments.of(
            "{\"kind\":\"turn_end\",\"ts\":1.5,\"turn_count\":1}", "'ts' must be an integer"),
        Arguments.of("{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":-1}", "turnCount is negative"),
        Arguments.of(
            "{\"kind\":\"run_completed\",\"ts\":1,\"interrupted\":\"no\",\"result\":\"finished\"}",
            "'interrupted' must be a boolean"),
        Arguments.of(
            "{\"kind\":\"run_completed\",\"ts\":1,\"interrupted\":false,\"result\":\"exploded\"}",
            "unknown result 'exploded'"),
        Arguments.of(
            "{\"kind\":\"segment_start\","
                + START_FIELDS.replace("0196e8a0-1c2d-7a4b", "../x")
                + "}",
            "SessionId"),
        Arguments.of(
            "{\"kind\":\"segment_start\",\"ts\":1,"
                + "\"session_id\":\"0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70\"}",
            "missing required field 'config'"),
        Arguments.of(
            "{\"kind\":\"assistant_item\",\"ts\":1,\"item\":{\"kind\":\"hologram\"}}",
            "unknown history item kind 'hologram'"),
        Arguments.of(
            "{\"kind\":\"assistant_item\",\"ts\":1,\"item\":{\"kind\":\"message\",\"role\":\"god\","
                + "\"content\":[]}}",
            "unknown message role 'god'"),
        Arguments.of(
            "{\"kind\":\"tool_result\",\"ts\":1,\"item\":{\"kind\":\"tool_result\","
                + "\"call_id\":\"c\",\"summary\":\"s\",\"attachments\":[{\"kind\":\"image\","
                + "\"mime_type\":\"image/png\",\"data\":\"not base64!\"}]}}",
            "invalid value"),
        Arguments.of(
            "{\"kind\":\"extension\",\"ts\":1,\"domain\":\"d\"}",
            "missing required field 'payload'"),
        Arguments.of(
            "{\"kind\":\"system_item\",\"ts\":1,"
                + "\"item\":{\"kind\":\"notification\",\"body\":\"b\"}}",
            "system item notification: missing required field 'message'"));
  }

  @Test
  void nestingBeyondTheLimitIsTheTypedLimitErrorNotCorruption() {
    assertThatThrownBy(() -> EntryCodec.decode(("{\"kind\":\"future\",\"x\":"
        + "[".repeat(200) + "]".repeat(200) + "}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonLimitException.class)
        .hasMessageContaining("NESTING_DEPTH");
  }

  @ParameterizedTest
  @MethodSource("corruptLines")
  void corruptLineIsRejectedWithItsReason(String line, String reason) {
    assertThatThrownBy(() -> EntryCodec.decode(line.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            MalformedEntryException.class, e -> assertThat(e.reason()).contains(reason));
  }

  @Test
  void malformedLineBecomesACorruptSegmentErrorWithItsPlace() {
    MalformedEntryException malformed =
        assertThrows(MalformedEntryException.class, () -> EntryCodec.decode("{oops"));

    CorruptSegmentException corrupt = malformed.toCorrupt("/seg/a.jsonl", 42, 81233);

    assertThat(corrupt.location()).isEqualTo("/seg/a.jsonl");
    assertThat(corrupt.lineNumber()).isEqualTo(42);
    assertThat(corrupt.byteOffset()).isEqualTo(81233);
    assertThat(corrupt.reason()).isEqualTo(malformed.reason());
    assertThat(corrupt.getMessage())
        .startsWith("/seg/a.jsonl: line 42 (byte 81233) is not valid JSON");
    assertThat(corrupt.getCause()).isSameAs(malformed);
  }

  @Test
  void lineInsideALargerBufferIsDecodedInPlace() {
    byte[] buffer =
        "xx{\"kind\":\"turn_end\",\"ts\":1,\"turn_count\":3}yy".getBytes(StandardCharsets.UTF_8);

    assertThat(EntryCodec.decode(buffer, 2, buffer.length - 4))
        .isEqualTo(new LogEntry.TurnEnd(1, 3));
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] line = {'{', '"', 'k', '"', ':', '"', (byte) 0xE3, '"', '}'};

    assertThatThrownBy(() -> EntryCodec.decode(line))
        .isInstanceOfSatisfying(
            MalformedEntryException.class, e -> assertThat(e.reason()).contains("UTF-8"));
  }

  @Test
  void segmentStartOfAnotherFormatVersionNamesTheSupportedOne() {
    for (String version : new String[] {"2", "0", "\"1\"", "1.0", "null"}) {
      String line = "{\"kind\":\"segment_start\",\"v\":" + version + "," + START_FIELDS + "}";
      if (version.equals("null")) {
        // An explicit null is read as absent, like every optional field.
        assertThat(EntryCodec.decode(line)).isInstanceOf(LogEntry.SegmentStart.class);
        continue;
      }
      assertThatThrownBy(() -> EntryCodec.decode(line))
          .as("v=%s", version)
          .isInstanceOfSatisfying(
              UnsupportedFormatVersionException.class,
              e -> {
                assertThat(e.found()).isEqualTo(version);
                assertThat(e.supported()).containsExactly(1);
                assertThat(e.getMessage()).contains("supported: [1]");
              });
    }
  }

  @Test
  void segmentStartWithVersionOneOrNoneIsAccepted() {
    String withVersion = "{\"kind\":\"segment_start\",\"v\":1," + START_FIELDS + "}";
    String without = "{\"kind\":\"segment_start\"," + START_FIELDS + "}";

    assertThat(EntryCodec.decode(withVersion)).isEqualTo(EntryCodec.decode(without));
  }
}
