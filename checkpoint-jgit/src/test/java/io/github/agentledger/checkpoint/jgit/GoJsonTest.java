package io.github.agentledger.checkpoint.jgit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixture JSON writer produces Go's MarshalIndent output (2 spaces, no HTML escaping). */
class GoJsonTest {

  @Test
  void writesNestedValuesWithTwoSpaceIndentKeyOrderAndATrailingNewline() {
    Map<String, Object> session = new LinkedHashMap<>();
    session.put("metadata", "/a3/b2c4d5e6f7/0/metadata.json");
    session.put("prompt", "");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("checkpoint_id", "a3b2c4d5e6f7");
    root.put("checkpoints_count", 5);
    root.put("files_touched", null);
    root.put("empty", List.of());
    root.put("sessions", List.of(session));
    root.put("has_review", true);

    assertThat(GoJson.indented(root)).isEqualTo("{\n"
        + "  \"checkpoint_id\": \"a3b2c4d5e6f7\",\n"
        + "  \"checkpoints_count\": 5,\n"
        + "  \"files_touched\": null,\n"
        + "  \"empty\": [],\n"
        + "  \"sessions\": [\n"
        + "    {\n"
        + "      \"metadata\": \"/a3/b2c4d5e6f7/0/metadata.json\",\n"
        + "      \"prompt\": \"\"\n"
        + "    }\n"
        + "  ],\n"
        + "  \"has_review\": true\n"
        + "}\n");
  }

  @Test
  void escapesLikeGoWithoutHtmlEscaping() {
    assertThat(GoJson.indented("a<b>&\"c\"\\\n\t\u0001\u2028é"))
        .isEqualTo("\"a<b>&\\\"c\\\"\\\\\\n\\t\\u0001\\u2028é\"\n");
  }
}
