package io.github.agentledger.checkpoint.jgit.redact;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JSONL redaction: field-aware, byte-preserving, line-ending-preserving, linear. */
class SecretRedactorTranscriptTest {
  private final Redactor redactor = Redactor.defaults();

  private String redact(String transcript) {
    return new String(redactor.redactTranscript(transcript.getBytes(UTF_8)), UTF_8);
  }

  @Test
  void aTranscriptWithNothingToRedactComesBackAsTheSameBytes() {
    String transcript = String.join("\n",
        "{\"type\":\"user\",\"uuid\":\"550e8400-e29b-41d4-a716-446655440000\","
            + "\"sessionId\":\"session-001\",\"message\":{\"role\":\"user\","
            + "\"content\":\"Fix the failing test in  src/Foo.java, please \\u00e9\\n\"}}",
        "{ \"type\" : \"assistant\" , \"message\" : { \"content\" : [ {\"type\":\"tool_use\","
            + "\"id\":\"toolu_01A09q90qw90lq917835lq9X\",\"name\":\"Read\",\"input\":{"
            + "\"file_path\":\"/home/dev/p/src/Foo.java\"}} ] }, \"n\": 1.50e3 }",
        "not json at all, just a log line",
        "",
        "{\"checkpoint_id\":\"a3b2c4d5e6f7\","
            + "\"commit\":\"9fceb02d0ae598e95dc970b74767f19372d61af8\"}",
        "");
    byte[] bytes = transcript.getBytes(UTF_8);

    assertThat(redactor.redactTranscript(bytes)).isSameAs(bytes);
    assertThat(redactor.redactTranscript(bytes)).isEqualTo(transcript.getBytes(UTF_8));
  }

  @Test
  void redactsStringValuesInPlaceKeepingTheRestOfTheLineByteForByte() {
    String secret = FakeSecrets.githubToken("ghp_");
    String line = "{ \"type\":\"user\",  \"message\": {\"content\": \"use " + secret
        + " now\"}, \"n\": 1.0E2 }";

    assertThat(redact(line)).isEqualTo(
        "{ \"type\":\"user\",  \"message\": {\"content\": \"use REDACTED now\"}, \"n\": 1.0E2 }");
  }

  @Test
  void neverRedactsKeys() {
    String secret = FakeSecrets.awsAccessKeyId();
    String line = "{\"" + secret + "\":\"" + secret + "\"}";

    assertThat(redact(line)).isEqualTo("{\"" + secret + "\":\"REDACTED\"}");
  }

  @Test
  void skipsIdPathAndSignatureMembersButSearchesTheOthers() {
    String token = FakeSecrets.highEntropyToken();
    String line = "{\"tool_use_id\":\"" + token + "\",\"parentUuid\":\"" + token + "\","
        + "\"request_ids\":[\"" + token + "\"],\"signature\":\"" + token + "\","
        + "\"file_path\":\"/tmp/" + token + "\",\"cwd\":\"/w/" + token + "\","
        + "\"text\":\"" + token + "\"}";

    String expected = line.substring(0, line.lastIndexOf(token)) + "REDACTED\"}";
    assertThat(redact(line)).isEqualTo(expected);
  }

  @Test
  void skipsInlineImagesWhereverTheirTypeMemberStands() {
    String data = FakeSecrets.random(40, FakeSecrets.BASE64, 400);
    String image = "{\"type\":\"image\",\"source\":{\"type\":\"base64\","
        + "\"media_type\":\"image/png\",\"data\":\"" + data + "\"}}";
    String typeLast = "{\"source\":{\"data\":\"" + data + "\",\"type\":\"base64\"}}";
    String imageUrl = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
        + data + "\"}}";
    String text = "{\"type\":\"text\",\"text\":\"" + FakeSecrets.highEntropyToken() + "\"}";
    String line = "{\"content\":[" + image + "," + typeLast + "," + imageUrl + "," + text + "]}";

    String expected = "{\"content\":[" + image + "," + typeLast + "," + imageUrl
        + ",{\"type\":\"text\",\"text\":\"REDACTED\"}]}";
    assertThat(redact(line)).isEqualTo(expected);
  }

  @Test
  void replacesPasswordLikeMembersWholeUnlessTheyArePlaceholders() {
    String line = "{\"db\":{\"user\":\"app\",\"password\":\"abc\",\"DB_PASSWORD\":\"dog\","
        + "\"apiKey\":\"changeme\",\"note\":\"plain\"}}";

    assertThat(redact(line)).isEqualTo("{\"db\":{\"user\":\"app\",\"password\":\"REDACTED\","
        + "\"DB_PASSWORD\":\"REDACTED\",\"apiKey\":\"changeme\",\"note\":\"plain\"}}");
  }

  @Test
  void findsSecretsSpelledWithJsonEscapesAndReplacesTheEscapesToo() {
    String key = FakeSecrets.awsAccessKeyId();
    String escapedKey = "\\u0041" + key.substring(1, 10) + "\\u00" + Integer.toHexString(
        key.charAt(10)) + key.substring(11);
    String jwt = FakeSecrets.jwt();
    String line = "{\"text\":\"key=\\\"" + escapedKey + "\\\"\\nnext line: " + jwt + "\\t\"}";

    String result = redact(line);

    assertThat(result).isEqualTo("{\"text\":\"key=\\\"REDACTED\\\"\\nnext line: REDACTED\\t\"}");
    assertThat(JsonParser.parseString(result).getAsJsonObject().get("text").getAsString())
        .isEqualTo("key=\"REDACTED\"\nnext line: REDACTED\t");
  }

  @Test
  void findsAUrlWhoseSlashesAreEscapedAndKeepsTheLineValidJson() {
    String hook = "https:\\/\\/hooks.slack.com\\/services\\/T0000AAAA\\/B0000BBBB\\/"
        + FakeSecrets.alnum(31, 24);
    String line = "{\"text\":\"posted to " + hook + " ok\"}";

    String result = redact(line);

    assertThat(result).isEqualTo("{\"text\":\"posted to REDACTED ok\"}");
  }

  @Test
  void aPemKeyInsideAJsonStringWithEscapedNewlinesIsRemovedWhole() {
    String pem = FakeSecrets.pemPrivateKey().replace("\n", "\\n");
    String line = "{\"content\":\"key:\\n" + pem + "\\ndone\"}";

    assertThat(redact(line)).isEqualTo("{\"content\":\"key:\\nREDACTED\\ndone\"}");
  }

  @Test
  void keepsEveryLineEndingIncludingCrLfAndAMissingFinalNewline() {
    String secret = FakeSecrets.stripeLive();
    String transcript = "{\"a\":\"" + secret + "\"}\r\n{\"b\":\"ok\"}\r\n\n{\"c\":\"" + secret
        + "\"}";

    assertThat(redact(transcript))
        .isEqualTo("{\"a\":\"REDACTED\"}\r\n{\"b\":\"ok\"}\r\n\n{\"c\":\"REDACTED\"}");
    assertThat(redact(transcript + "\n")).endsWith("{\"c\":\"REDACTED\"}\n");
  }

  @Test
  void linesThatAreNotJsonFallBackToPlainRedactionAndPemBlocksMaySpanThem() {
    String transcript = "{\"ok\":1}\n"
        + "export GITHUB_TOKEN " + FakeSecrets.githubToken("gho_") + "\n"
        + "{\"broken\": \"" + FakeSecrets.stripeLive() + "\"\n"
        + FakeSecrets.pemPrivateKey() + "\n"
        + "{\"ok\":2}\n";

    assertThat(redact(transcript)).isEqualTo(
        "{\"ok\":1}\nexport GITHUB_TOKEN REDACTED\n{\"broken\": \"REDACTED\"\nREDACTED\n"
            + "{\"ok\":2}\n");
  }

  @Test
  void aPrettyPrintedSingleJsonDocumentIsRedactedFieldAwareAsAWhole() {
    String token = FakeSecrets.highEntropyToken();
    String document = "{\n  \"info\": {\"id\": \"" + token + "\"},\n  \"messages\": [\n"
        + "    {\"text\": \"" + token + "\"}\n  ]\n}\n";

    assertThat(redact(document)).isEqualTo("{\n  \"info\": {\"id\": \"" + token + "\"},\n"
        + "  \"messages\": [\n    {\"text\": \"REDACTED\"}\n  ]\n}\n");
  }

  @Test
  void bytesThatAreNotUtf8SurviveExactlyAroundARedactedSecret() {
    byte[] prefix = {'x', (byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF, ' '};
    byte[] secret = FakeSecrets.awsAccessKeyId().getBytes(UTF_8);
    byte[] input = new byte[prefix.length + secret.length + 1];
    System.arraycopy(prefix, 0, input, 0, prefix.length);
    System.arraycopy(secret, 0, input, prefix.length, secret.length);
    input[input.length - 1] = '\n';

    byte[] result = redactor.redactTranscript(input);

    byte[] expected = (new String(prefix, ISO_8859_1) + "REDACTED\n").getBytes(ISO_8859_1);
    assertThat(result).isEqualTo(expected);
  }

  @Test
  void surrogatePairEscapesAroundASecretStayAsTheyWere() {
    String line = "{\"t\":\"\\ud83d\\ude00" + FakeSecrets.githubToken("ghp_")
        + "\\ud83d\\ude00\"}";

    assertThat(redact(line)).isEqualTo("{\"t\":\"\\ud83d\\ude00REDACTED\\ud83d\\ude00\"}");
  }

  @Test
  void aTopLevelStringLineAndANestingDeeperThanGsonAcceptsAreStillRedacted() {
    String secret = FakeSecrets.stripeLive();
    String deep = "[".repeat(400) + "\"" + secret + "\"" + "]".repeat(400);

    assertThat(redact("\"" + secret + "\"\n" + deep + "\n")).isEqualTo(
        "\"REDACTED\"\n" + "[".repeat(400) + "\"REDACTED\"" + "]".repeat(400) + "\n");
  }

  @Test
  void multiByteTextAroundASecretIsKept() {
    String line = "{\"t\":\"日本語 ✓ 😀 " + FakeSecrets.slackBotToken() + " ünïcödé\"}";

    assertThat(redact(line)).isEqualTo("{\"t\":\"日本語 ✓ 😀 REDACTED ünïcödé\"}");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void hostileInputIsScannedWithoutCatastrophicBacktracking() {
    String[] fragments = {"sk-", "ghp_", "password=", "a://b:", "@", "AKIA", "eyJ", ".eyJ",
        "-----BEGIN PRIVATE KEY-----", "Bearer ", "xoxb-", "AIza", "\\", "data:x;base64,", "=",
        "Authorization: Basic ", "\\u00", "github_pat_", "a", "Z9"};
    StringBuilder hostile = new StringBuilder();
    int i = 0;
    while (hostile.length() < 1_000_000) {
      hostile.append(fragments[i % fragments.length]);
      hostile.append(fragments[(i * 7 + 3) % fragments.length]);
      i++;
    }
    String text = hostile.toString();
    String jsonLine = "{\"t\":\"" + text.replace("\\", "\\\\") + "\"}";

    String plain = redactor.redactText(text);
    String transcript = redact(jsonLine + "\n" + text + "\n");

    assertThat(plain).isNotEmpty();
    assertThat(transcript).endsWith("\n");
  }

  @Test
  void isDeterministicAndSafeToShareBetweenThreads() throws Exception {
    StringBuilder transcript = new StringBuilder();
    for (int line = 0; line < 200; line++) {
      transcript.append("{\"n\":").append(line).append(",\"t\":\"key ")
          .append(FakeSecrets.alnum(line, 40)).append(" plain words\"}\n");
    }
    byte[] input = transcript.toString().getBytes(UTF_8);
    byte[] expected = redactor.redactTranscript(input);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int task = 0; task < 16; task++) {
        Callable<byte[]> call = () -> redactor.redactTranscript(input);
        results.add(pool.submit(call));
      }
      for (Future<byte[]> result : results) {
        assertThat(result.get(1, TimeUnit.MINUTES)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(new String(expected, UTF_8)).contains("\"t\":\"key REDACTED plain words\"");
  }
}
