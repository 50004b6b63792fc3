package io.github.agentledger.segment.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.agentledger.segment.JsonText;
import io.github.agentledger.segment.LogEntry;
import io.github.agentledger.segment.RequestConfig;
import io.github.agentledger.segment.SystemItem;
import io.github.agentledger.segment.UserSegment;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What this version does not know is kept, and written back without loss. */
class UnknownContentTest {
  @Test
  void unknownKindSurvivesByteForByte() {
    String line =
        "{ \"ts\" : 1747700003000, \"kind\":\"hologram\",\"x\":\"\\u00e9\\/\u6f22\","
            + "\"n\":1.50E+2,\"deep\":{\"a\":[null,true]} }";
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);

    LogEntry entry = EntryCodec.decode(bytes);

    assertThat(entry)
        .isInstanceOfSatisfying(
            LogEntry.Unknown.class,
            unknown -> {
              assertThat(unknown.kind()).isEqualTo("hologram");
              assertThat(unknown.ts()).isEqualTo(1747700003000L);
              assertThat(unknown.rawLine()).isEqualTo(line);
            });
    assertThat(EntryCodec.encode(entry)).isEqualTo(bytes);
  }

  @Test
  void unknownKindWithoutAnIntegerTsGetsZero() {
    assertThat(EntryCodec.decode("{\"kind\":\"later\"}").ts()).isZero();
    assertThat(EntryCodec.decode("{\"kind\":\"later\",\"ts\":\"soon\"}").ts()).isZero();
  }

  @Test
  void unknownFieldsOfKnownKindsAreIgnored() {
    LogEntry entry =
        EntryCodec.decode(
            "{\"kind\":\"turn_end\",\"ts\":5,\"turn_count\":2,\"future\":{\"x\":[1]},\"y\":null}");

    assertThat(entry).isEqualTo(new LogEntry.TurnEnd(5, 2));
  }

  @Test
  void unknownUserSegmentAndSystemItemKeepTheirWholeObject() {
    String input =
        "{\"kind\":\"user_input\",\"ts\":1,\"segments\":[{\"kind\":\"voice\",\"seconds\":3.5,"
            + "\"meta\":{\"lang\":\"en\"}}]}";
    String system =
        "{\"kind\":\"system_item\",\"ts\":2,\"item\":{\"kind\":\"hologram\",\"body\":\"B\","
            + "\"z\":[1]}}";

    LogEntry.UserInput decodedInput = (LogEntry.UserInput) EntryCodec.decode(input);
    LogEntry.SystemItemEntry decodedSystem = (LogEntry.SystemItemEntry) EntryCodec.decode(system);

    assertThat(decodedInput.segments())
        .containsExactly(
            new UserSegment.Unknown(
                "voice",
                JsonText.of("{\"kind\":\"voice\",\"seconds\":3.5,\"meta\":{\"lang\":\"en\"}}")));
    assertThat(decodedSystem.item())
        .isEqualTo(
            new SystemItem.Unknown(
                "hologram",
                Optional.of("B"),
                JsonText.of("{\"kind\":\"hologram\",\"body\":\"B\",\"z\":[1]}")));
    assertThat(EntryCodec.encodeToString(decodedInput)).isEqualTo(input);
    assertThat(EntryCodec.encodeToString(decodedSystem)).isEqualTo(system);
  }

  @Test
  void frameworkConfigIsKeptAsGivenAndReferenceConfigIsTyped() {
    String custom =
        "{\"kind\":\"config_changed\",\"ts\":1,\"config\":{\"model\":\"m\",\"temperature\":1,"
            + "\"seed\":null}}";
    String nearlyReference =
        "{\"kind\":\"config_changed\",\"ts\":1,\"config\":{\"max_tokens\":null,\"temperature\":1,"
            + "\"top_p\":null,\"top_k\":null,\"stop_sequences\":[],\"reasoning\":null}}";
    String reference =
        "{\"kind\":\"config_changed\",\"ts\":1,\"config\":{\"max_tokens\":8,\"temperature\":0.5,"
            + "\"top_p\":null,\"top_k\":3,\"stop_sequences\":[\"x\"],\"reasoning\":-1}}";
    String effort = reference.replace("\"reasoning\":-1", "\"reasoning\":\"high\"");

    assertThat(((LogEntry.ConfigChanged) EntryCodec.decode(custom)).config())
        .isInstanceOf(RequestConfig.Custom.class);
    // An integer temperature would come back as 1.0: kept as given instead.
    assertThat(((LogEntry.ConfigChanged) EntryCodec.decode(nearlyReference)).config())
        .isInstanceOf(RequestConfig.Custom.class);
    assertThat(((LogEntry.ConfigChanged) EntryCodec.decode(reference)).config())
        .isInstanceOfSatisfying(
            RequestConfig.ModelParameters.class,
            p ->
                assertThat(p.reasoning())
                    .contains(
                        new RequestConfig.Reasoning.Budget(
                            RequestConfig.Reasoning.Budget.DYNAMIC)));
    assertThat(((LogEntry.ConfigChanged) EntryCodec.decode(effort)).config())
        .isInstanceOfSatisfying(
            RequestConfig.ModelParameters.class,
            p -> assertThat(p.reasoning()).contains(new RequestConfig.Reasoning.Effort("high")));
    for (String line : new String[] {custom, nearlyReference, reference, effort}) {
      assertThat(EntryCodec.encodeToString(EntryCodec.decode(line))).isEqualTo(line);
    }
  }

  @Test
  void unknownTriggerIsKeptByName() {
    String line = "{\"kind\":\"invoke\",\"ts\":1,\"trigger\":\"telepathy\"}";

    LogEntry.Invoke invoke = (LogEntry.Invoke) EntryCodec.decode(line);

    assertThat(invoke.trigger().known()).isFalse();
    assertThat(EntryCodec.encodeToString(invoke)).isEqualTo(line);
  }
}
