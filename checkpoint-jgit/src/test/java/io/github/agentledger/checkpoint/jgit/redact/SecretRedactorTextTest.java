package io.github.agentledger.checkpoint.jgit.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Plain-text redaction: which shapes are secrets and which are not. */
class SecretRedactorTextTest {
  private final Redactor redactor = Redactor.defaults();

  static Stream<Arguments> secretsInProse() {
    return Stream.of(
        Arguments.of("aws access key id", FakeSecrets.awsAccessKeyId()),
        Arguments.of("github ghp_", FakeSecrets.githubToken("ghp_")),
        Arguments.of("github gho_", FakeSecrets.githubToken("gho_")),
        Arguments.of("github fine-grained", FakeSecrets.githubFineGrained()),
        Arguments.of("slack bot token", FakeSecrets.slackBotToken()),
        Arguments.of("sentry org token", "sntrys_" + FakeSecrets.alnum(72, 60) + "_"
            + FakeSecrets.alnum(73, 43)),
        Arguments.of("sentry user token", "sntryu_" + FakeSecrets.random(71, "0123456789abcdef",
            64)),
        Arguments.of("stripe live key", FakeSecrets.stripeLive()),
        Arguments.of("google api key", FakeSecrets.googleApiKey()),
        Arguments.of("openai key", FakeSecrets.openAiKey()),
        Arguments.of("anthropic key", FakeSecrets.anthropicKey()),
        Arguments.of("jwt", FakeSecrets.jwt()),
        Arguments.of("pem private key", FakeSecrets.pemPrivateKey()),
        Arguments.of("high-entropy token", FakeSecrets.highEntropyToken()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretsInProse")
  void replacesAWellKnownSecretShapeAndNothingAroundIt(String shape, String secret) {
    String text = "before " + secret + " after";

    assertThat(redactor.redactText(text)).isEqualTo("before REDACTED after");
  }

  static Stream<Arguments> secretsInContext() {
    return Stream.of(
        Arguments.of("Authorization: Bearer abc123def456ghi789jkl",
            "Authorization: Bearer REDACTED"),
        Arguments.of("curl -H 'Authorization: Basic dXNlcjpwYXNzd29yZA=='",
            "curl -H 'Authorization: Basic REDACTED'"),
        Arguments.of("password=hunter2xyz", "password=REDACTED"),
        Arguments.of("api_key: s3cr3tvalue", "api_key: REDACTED"),
        Arguments.of("export DB_PASSWORD=pa55word!", "export DB_PASSWORD=REDACTED"),
        Arguments.of("pg_pwd=letmein42", "pg_pwd=REDACTED"),
        Arguments.of("{\"client_secret\": \"abcd1234\"}", "{\"client_secret\": \"REDACTED\"}"),
        Arguments.of("url: postgres://admin:s3cretPass@db.example.com:5432/app",
            "url: postgres://admin:REDACTED@db.example.com:5432/app"),
        Arguments.of("mongodb+srv://svc:Pa55w0rd@cluster0.example.net/db",
            "mongodb+srv://svc:REDACTED@cluster0.example.net/db"),
        Arguments.of("https://bob:tok3n@git.example.com/repo.git",
            "https://bob:REDACTED@git.example.com/repo.git"),
        Arguments.of("jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=Str0ngPass;",
            "jdbc:sqlserver://db:1433;databaseName=app;user=sa;password=REDACTED;"),
        Arguments.of("jdbc:mysql://db:3306/app?user=app&password=My5ecret&ssl=true",
            "jdbc:mysql://db:3306/app?user=app&password=REDACTED&ssl=true"),
        Arguments.of("host=db user=app password=Sup3rSecret dbname=app",
            "host=db user=app password=REDACTED dbname=app"),
        Arguments.of("Server=db;Database=app;User Id=sa;Pwd=Str0ng!Pass;",
            "Server=db;Database=app;User Id=sa;Pwd=REDACTED;"),
        Arguments.of("hook https://hooks.slack.com/services/T0000AAAA/B0000BBBB/"
            + FakeSecrets.alnum(30, 24) + " end", "hook REDACTED end"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("secretsInContext")
  void replacesOnlyTheSecretPartOfAnAssignmentHeaderOrUrl(String text, String expected) {
    assertThat(redactor.redactText(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "checkpoint a3b2c4d5e6f7 was written",
      "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 on main",
      "session 550e8400-e29b-41d4-a716-446655440000 resumed",
      "tool call toolu_01A09q90qw90lq917835lq9X and call_Ab3dEf6hIj9kLm2nOp5qRs8t",
      "edited /home/dev/project/src/main/java/io/github/agentledger/Checkpoint.java:42",
      "C:\\Users\\dev\\AppData\\Local\\Programs\\agentledger\\config.json",
      "The quick brown fox jumps over the lazy dog; nothing here is a secret at all.",
      "public final class AbstractSingletonProxyFactoryBean extends ProxyFactory {}",
      "String result = computeTheAnswer(input, options); // TODO: cache it",
      "password=changeme",
      "password: ${DB_PASSWORD}",
      "password = getPassword()",
      "api_key: <your-api-key>",
      "PWD=/home/dev/project",
      "the password is stored in the vault",
      "use sk-learn-style-pipelines-for-everything here",
      "see sk-2024-release-notes-for-the-product today",
      "img data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
          + "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg== done",
      "ssh://git@github.com/org/repo.git and https://example.com:8443/path?q=1"})
  void leavesIdsPathsProseCodeAndPlaceholdersAlone(String text) {
    assertThat(redactor.redactText(text)).isSameAs(text);
  }

  @Test
  void findsTwoSecretsOnOneLineAndMergesOverlappingFinds() {
    String text = "a: " + FakeSecrets.githubToken("ghp_") + ", b: " + FakeSecrets.stripeLive();

    assertThat(redactor.redactText(text)).isEqualTo("a: REDACTED, b: REDACTED");
  }

  @Test
  void aTruncatedPrivateKeyWithoutEndMarkerIsRemovedUpToTheEndOfItsBody() {
    String body = FakeSecrets.random(50, FakeSecrets.BASE64, 64) + "\n"
        + FakeSecrets.random(51, FakeSecrets.BASE64, 20);
    String text = "pasted:\n-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "\n\n(cut off) rest";

    assertThat(redactor.redactText(text)).isEqualTo("pasted:\nREDACTED\n\n(cut off) rest");
  }

  @Test
  void aPemBlockThatIsNotAPrivateKeyIsNotTakenWhole() {
    String text = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";

    assertThat(redactor.redactText(text)).isSameAs(text);
  }

  @Test
  void doesNotCutAnEscapeSequenceInRawJsonText() {
    String token = FakeSecrets.highEntropyToken();
    String text = "line one\\n" + token + " tail";

    assertThat(redactor.redactText(text)).isEqualTo("line one\\nREDACTED tail");
  }

  @Test
  void customPatternsAddToTheDefaultsAndMayMarkOnlyANamedGroup() {
    Redactor custom = Redactor.defaultsWith(List.of(
        Pattern.compile("\\bACME-[0-9]{6}\\b"),
        Pattern.compile("internal-ref=(?<secret>[a-z]{5})")));

    assertThat(custom.redactText("id ACME-123456 and internal-ref=abcde, "
        + FakeSecrets.awsAccessKeyId()))
        .isEqualTo("id REDACTED and internal-ref=REDACTED, REDACTED");
    assertThat(redactor.redactText("id ACME-123456")).isEqualTo("id ACME-123456");
  }

  @Test
  void entropyThresholdIsStrictlyAboveFourAndAHalfBits() {
    int[] counts = new int[128];
    String sixteenSymbols = "0123456789abcdef0123456789abcdef";
    assertThat(Entropy.bits(text(sixteenSymbols), 0, 32, counts)).isEqualTo(4.0);
    String token = FakeSecrets.highEntropyToken();
    assertThat(Entropy.bits(text(token), 0, token.length(), counts)).isGreaterThan(4.5);
    assertThat(redactor.redactText(sixteenSymbols)).isSameAs(sixteenSymbols);
  }

  private static ByteText text(String ascii) {
    byte[] bytes = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return new ByteText(bytes, 0, bytes.length);
  }
}
