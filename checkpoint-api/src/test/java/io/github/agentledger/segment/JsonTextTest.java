package io.github.agentledger.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "0",
        "-0",
        "-12.5e-3",
        "1E+9",
        "true",
        "false",
        "null",
        "\"\"",
        "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"",
        "\"\u00e9\u6f22\ud83d\ude00\"",
        "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}"
      })
  void validJsonIsKept(String text) {
    assertThat(JsonText.of(text).text()).isEqualTo(text);
  }

  @Test
  void whitespaceBetweenTokensIsDroppedButNotInsideStrings() {
    assertThat(JsonText.of(" {\n\t\"a b\" : [ 1 , 2 ] ,\r\n \"c\":\" x \" } ").text())
        .isEqualTo("{\"a b\":[1,2],\"c\":\" x \"}");
    assertThat(JsonText.of("{ }")).isEqualTo(JsonText.of("{}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "{",
        "}",
        "[1,]",
        "{\"a\":1,}",
        "{a:1}",
        "{'a':1}",
        "\"unterminated",
        "\"raw\ncontrol\"",
        "\"bad \\x escape\"",
        "\"bad \\u12g4\"",
        "01",
        "1.",
        ".5",
        "+1",
        "1e",
        "-",
        "NaN",
        "Infinity",
        "tru",
        "nulls",
        "[1] [2]",
        "{\"a\" 1}",
        "// comment\n{}",
        "\"lone \ud800 surrogate\""
      })
  void invalidJsonIsATypedError(String text) {
    assertThatThrownBy(() -> JsonText.of(text)).isInstanceOf(InvalidJsonException.class);
  }

  @Test
  void duplicateMemberNamesAreRejectedEvenWhenSpelledWithEscapes() {
    assertThatThrownBy(() -> JsonText.of("{\"a\":1,\"b\":{\"a\":2},\"a\":3}"))
        .isInstanceOfSatisfying(
            InvalidJsonException.class,
            e -> {
              assertThat(e.reason()).contains("duplicate member name \"a\"");
              assertThat(e.offset()).isEqualTo(19);
            });
    assertThatThrownBy(() -> JsonText.of("{\"ab\":1,\"\\u0061b\":2}"))
        .isInstanceOf(InvalidJsonException.class);
    assertThat(JsonText.of("{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1},{\"a\":2}]}").isObject())
        .isTrue();
  }

  @Test
  void errorNamesTheOffset() {
    assertThatThrownBy(() -> JsonText.of("[1,,2]"))
        .isInstanceOfSatisfying(
            InvalidJsonException.class, e -> assertThat(e.offset()).isEqualTo(3));
  }

  @Test
  void nestingIsBounded() {
    String ok = "[".repeat(JsonText.MAX_DEPTH) + "]".repeat(JsonText.MAX_DEPTH);
    String deep = "[".repeat(JsonText.MAX_DEPTH + 1) + "]".repeat(JsonText.MAX_DEPTH + 1);
    String hostile = "[".repeat(1_000_000);

    assertThat(JsonText.of(ok).text()).isEqualTo(ok);
    assertThatThrownBy(() -> JsonText.of(deep))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("nesting");
    assertThatThrownBy(() -> JsonText.of(hostile)).isInstanceOf(InvalidJsonException.class);
  }

  @Test
  void objectFactoryRejectsOtherValues() {
    assertThat(JsonText.ofObject("{\"a\":1}").isObject()).isTrue();
    assertThat(JsonText.of("[1]").isObject()).isFalse();
    assertThatThrownBy(() -> JsonText.ofObject("[1]")).isInstanceOf(InvalidJsonException.class);
  }
}
