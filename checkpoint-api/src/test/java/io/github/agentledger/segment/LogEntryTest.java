package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Entries and their parts validate what they are given. */
class LogEntryTest {
  private static final SessionId SESSION = LogEntryFixtures.SESSION;

  @Test
  void unknownEntryKeepsOnlyUnknownKindsOnOneLineOfJson() {
    assertThatThrownBy(() -> new LogEntry.Unknown("turn_end", 1, "{\"kind\":\"turn_end\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("known kind");
    assertThatThrownBy(() -> new LogEntry.Unknown("x", 1, "{\"kind\":\n\"x\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LogEntry.Unknown("x", 1, "{\"kind\":\"x\""))
        .isInstanceOf(InvalidJsonException.class);
    assertThatThrownBy(() -> new LogEntry.Unknown("x", 1, "[1]"))
        .isInstanceOf(InvalidJsonException.class);
    assertThat(new LogEntry.Unknown("x", 1, "{ \"kind\" : \"x\" }").rawLine())
        .isEqualTo("{ \"kind\" : \"x\" }");
  }

  @Test
  void segmentStartHasAtMostOneOriginAndANonNegativeTurnBase() {
    SegmentOrigin origin = new SegmentOrigin(SESSION, LogEntryFixtures.SEGMENT, 1);
    assertThatThrownBy(
            () ->
                new LogEntry.SegmentStart(
                    1,
                    SESSION,
                    Optional.empty(),
                    RequestConfig.defaults(),
                    List.of(),
                    Optional.of(origin),
                    Optional.of(origin),
                    1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new LogEntry.SegmentStart(
                    1,
                    SESSION,
                    Optional.empty(),
                    RequestConfig.defaults(),
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SegmentOrigin(SESSION, LogEntryFixtures.SEGMENT, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void partsRejectInvalidValues() {
    assertThatThrownBy(() -> new ImageAttachment("image/png", "not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ImageAttachment.of("image/png", new byte[] {1, 2, 3}).bytes())
        .containsExactly(1, 2, 3);
    assertThatThrownBy(() -> InvokeTrigger.of("User Send"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(InvokeTrigger.of("user_send")).isEqualTo(InvokeTrigger.USER_SEND);
    assertThat(InvokeTrigger.USER_SEND.known()).isTrue();
    assertThat(InvokeTrigger.of("telepathy").known()).isFalse();
    assertThatThrownBy(() -> new RequestConfig.Custom(JsonText.of("[]")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ExtensionPayload(" ", JsonText.of("1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UsageRecord(0, -1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UserSegment.Unknown("x", JsonText.of("1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void collectionsAreCopied() {
    List<UserSegment> pieces = new java.util.ArrayList<>(List.of(new UserSegment.Text("a")));
    LogEntry.UserInput input = new LogEntry.UserInput(1, pieces, List.of());
    pieces.add(new UserSegment.Text("b"));

    assertThat(input.segments()).hasSize(1);
    assertThat(input.flatText()).isEqualTo("a");
  }
}
