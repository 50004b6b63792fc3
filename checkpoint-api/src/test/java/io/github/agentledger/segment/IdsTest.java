package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
  private static final String V7 = "0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70";

  @Test
  void canonicalTextRoundTrips() {
    assertThat(SessionId.parse(V7).toString()).isEqualTo(V7);
    assertThat(SegmentId.parse(V7).toString()).isEqualTo(V7);
    assertThat(SessionId.parse(V7).value()).isEqualTo(UUID.fromString(V7));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x",
        "",
        "0196E8A0-1C2D-7A4B-9F10-2B3C4D5E6F70",
        "0196e8a01c2d7a4b9f102b3c4d5e6f70",
        "{0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70}",
        "0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70/..",
        " 0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70",
        "0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f7",
        "1-1-1-1-1",
        "0196e8a0-1c2d-4a4b-9f10-2b3c4d5e6f70",
        "0196e8a0-1c2d-7a4b-cf10-2b3c4d5e6f70"
      })
  void nonCanonicalOrNonVersion7TextIsATypedError(String text) {
    assertThatThrownBy(() -> SessionId.parse(text))
        .isInstanceOfSatisfying(
            InvalidIdException.class,
            e -> {
              assertThat(e.value()).isEqualTo(text);
              assertThat(e.idType()).isEqualTo("SessionId");
            });
    assertThatThrownBy(() -> SegmentId.parse(text))
        .isInstanceOfSatisfying(
            InvalidIdException.class, e -> assertThat(e.idType()).isEqualTo("SegmentId"));
  }

  @Test
  void nonVersion7UuidIsRejectedByTheConstructor() {
    UUID v4 = UUID.fromString("3b241101-e2bb-4255-8caf-4136c566a962");
    assertThatThrownBy(() -> new SessionId(v4))
        .isInstanceOf(InvalidIdException.class)
        .hasMessageContaining("version 4");
    assertThatThrownBy(() -> new SegmentId(v4)).isInstanceOf(InvalidIdException.class);
    assertThatThrownBy(() -> new SegmentId(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void idsOrderByTheirText() {
    SessionId a = SessionId.parse("0196e8a0-1c2d-7a4b-9f10-2b3c4d5e6f70");
    SessionId b = SessionId.parse("0196e8a0-1c2e-7a4b-9f10-2b3c4d5e6f70");
    assertThat(a).isLessThan(b);
    assertThat(a).isEqualTo(SessionId.parse(a.toString()));
  }
}
