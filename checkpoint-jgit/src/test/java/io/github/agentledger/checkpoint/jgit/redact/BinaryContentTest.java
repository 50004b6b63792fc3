package io.github.agentledger.checkpoint.jgit.redact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Content written as binary or opaque passes through the redactor byte for byte: attachments as
 * the segment log writes them ({@code {"kind":"image","mime_type":…,"data":…}}), the audio and
 * file parts with {@code media_type} and {@code data}, agent transcripts' inline images, encrypted
 * reasoning and redacted thinking; even when their base64 happens to hold a secret's shape, and
 * wherever the {@code kind} member stands. Text next to them is still redacted.
 */
class BinaryContentTest {
  private final Redactor redactor = Redactor.defaults();

  /** Random bytes in base64, with a token-shaped run spliced in to tempt every rule. */
  private static String base64WithSecretShapes(long seed) {
    byte[] data = new byte[3000];
    new SplittableRandom(seed).nextBytes(data);
    String base64 = Base64.getEncoder().encodeToString(data);
    return base64.substring(0, 400) + FakeSecrets.awsAccessKeyId() + "+"
        + FakeSecrets.githubToken("ghp_") + "/" + FakeSecrets.highEntropyToken()
        + base64.substring(400);
  }

  static Stream<Arguments> binaryLines() {
    String data = base64WithSecretShapes(1);
    String opaque = FakeSecrets.random(3, FakeSecrets.URLSAFE, 600) + FakeSecrets.stripeLive();
    return Stream.of(
        Arguments.of("segment-log image attachment",
            "{\"kind\":\"tool_result\",\"ts\":\"2026-12-06T12:00:00Z\",\"item\":{\"kind\":"
                + "\"tool_result\",\"call_id\":\"call_9\",\"summary\":\"attached\",\"attachments\""
                + ":[{\"kind\":\"image\",\"mime_type\":\"image/png\",\"data\":\"" + data
                + "\"}]}}"),
        Arguments.of("image whose kind comes after its data",
            "{\"attachments\":[{\"data\":\"" + data + "\",\"mime_type\":\"image/png\","
                + "\"kind\":\"image\"}]}"),
        Arguments.of("audio part",
            "{\"kind\":\"audio\",\"media_type\":\"audio/wav\",\"data\":\"" + data + "\"}"),
        Arguments.of("file part",
            "{\"kind\":\"file\",\"media_type\":\"application/pdf\",\"name\":\"a.pdf\","
                + "\"data\":\"" + data + "\"}"),
        Arguments.of("unknown kind with a media type",
            "{\"kind\":\"video\",\"media_type\":\"video/mp4\",\"data\":\"" + data + "\"}"),
        Arguments.of("anthropic inline image",
            "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"image\",\"source\":"
                + "{\"type\":\"base64\",\"media_type\":\"image/jpeg\",\"data\":\"" + data
                + "\"}}]}}"),
        Arguments.of("encrypted reasoning",
            "{\"kind\":\"assistant_item\",\"item\":{\"kind\":\"reasoning\",\"text\":\"step\","
                + "\"summary\":[\"s1\"],\"encrypted_content\":\"" + opaque + "\",\"signature\":\""
                + opaque + "\"}}"),
        Arguments.of("redacted thinking",
            "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"redacted_thinking\","
                + "\"data\":\"" + opaque + "\"}]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryLines")
  void passesThroughByteForByte(String shape, String line) {
    byte[] transcript = (line + "\n").getBytes(UTF_8);

    assertThat(redactor.redactTranscript(transcript)).isSameAs(transcript);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryLines")
  void textNextToBinaryContentIsStillRedacted(String shape, String line) {
    String secret = FakeSecrets.githubToken("gho_");
    String text = "{\"kind\":\"user_input\",\"item\":{\"kind\":\"text\",\"content\":\"use "
        + secret + "\"}}";
    byte[] transcript = (line + "\n" + text + "\n" + line + "\n").getBytes(UTF_8);

    String result = new String(redactor.redactTranscript(transcript), UTF_8);

    assertThat(result).isEqualTo(line + "\n" + text.replace(secret, "REDACTED") + "\n" + line
        + "\n");
  }
}
