package io.github.agentledger.checkpoint.jgit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GoJsonTest {

  private static String encode(JsonObject object) {
    return new String(GoJson.encode(object), StandardCharsets.UTF_8);
  }

  @Test
  void indentsTwoSpacesWithColonSpaceAndATrailingNewline() {
    JsonObject object = new JsonObject();
    object.addProperty("b", 1);
    JsonArray list = new JsonArray();
    list.add("x");
    list.add("y");
    object.add("list", list);
    object.add("empty_list", new JsonArray());
    object.add("empty_object", new JsonObject());
    object.add("nil", JsonNull.INSTANCE);
    JsonObject nested = new JsonObject();
    nested.addProperty("t", true);
    object.add("nested", nested);

    assertThat(encode(object)).isEqualTo("{\n"
        + "  \"b\": 1,\n"
        + "  \"list\": [\n"
        + "    \"x\",\n"
        + "    \"y\"\n"
        + "  ],\n"
        + "  \"empty_list\": [],\n"
        + "  \"empty_object\": {},\n"
        + "  \"nil\": null,\n"
        + "  \"nested\": {\n"
        + "    \"t\": true\n"
        + "  }\n"
        + "}\n");
  }

  @Test
  void escapesStringsAsGoDoesWithoutHtmlEscaping() {
    JsonObject object = new JsonObject();
    object.addProperty("s", "<a href=\"x\">&</a> \\ \n\r\t\b\f\u0001\u001f\u007f \u2028\u2029 é 😀");

    assertThat(encode(object)).isEqualTo("{\n  \"s\": \"<a href=\\\"x\\\">&</a> \\\\ "
        + "\\n\\r\\t\\b\\f\\u0001\\u001f\u007f \\u2028\\u2029 é 😀\"\n}\n");
  }

  @Test
  void unpairedSurrogatesBecomeTheReplacementCharacter() {
    JsonObject object = new JsonObject();
    object.addProperty("s", "a\ud800b\udc00");

    assertThat(encode(object)).isEqualTo("{\n  \"s\": \"a\\ufffdb\\ufffd\"\n}\n");
  }

  @Test
  void floatsUseGoFormatting() {
    assertThat(GoValues.formatFloat(62.5)).isEqualTo("62.5");
    assertThat(GoValues.formatFloat(100.0)).isEqualTo("100");
    assertThat(GoValues.formatFloat(0.1)).isEqualTo("0.1");
    assertThat(GoValues.formatFloat(100.0 / 3)).isEqualTo("33.333333333333336");
    assertThat(GoValues.formatFloat(0.000001)).isEqualTo("0.000001");
    assertThat(GoValues.formatFloat(1e-7)).isEqualTo("1e-7");
    assertThat(GoValues.formatFloat(1.5e-10)).isEqualTo("1.5e-10");
    assertThat(GoValues.formatFloat(1e21)).isEqualTo("1e+21");
    assertThat(GoValues.formatFloat(1.2345678901234568e20)).isEqualTo("123456789012345680000");
    assertThat(GoValues.formatFloat(-2.5)).isEqualTo("-2.5");
    assertThat(GoValues.formatFloat(0)).isEqualTo("0");

    JsonObject object = new JsonObject();
    object.add("f", new JsonPrimitive(50.0));
    assertThat(encode(object)).isEqualTo("{\n  \"f\": 50\n}\n");
  }

  @Test
  void timesAreRfc3339NanoInUtcWithTrailingZerosTrimmed() {
    assertThat(GoValues.formatTime(Instant.parse("2026-05-01T10:00:00Z")))
        .isEqualTo("2026-05-01T10:00:00Z");
    assertThat(GoValues.formatTime(Instant.parse("2026-05-01T10:00:00.500Z")))
        .isEqualTo("2026-05-01T10:00:00.5Z");
    assertThat(GoValues.formatTime(Instant.parse("2026-05-01T10:00:00.123456789Z")))
        .isEqualTo("2026-05-01T10:00:00.123456789Z");
    assertThat(GoValues.formatTime(Instant.parse("2026-05-01T10:00:00.000001Z")))
        .isEqualTo("2026-05-01T10:00:00.000001Z");
    assertThat(GoValues.parseTime("2026-05-01T12:00:00.5+02:00"))
        .isEqualTo(Instant.parse("2026-05-01T10:00:00.5Z"));
  }
}
