package io.github.agentledger.checkpoint.jgit.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The literal hints that let a default detector skip texts: a hint only ever skips texts in which
 * the detector would find nothing, so with and without hints every detector finds the same ranges.
 */
class DetectorHintsTest {

  /** One text per shape a hinted detector finds, in several letter cases where case is folded. */
  private static List<String> secrets() {
    return List.of(
        FakeSecrets.awsAccessKeyId(),
        "ASIA" + FakeSecrets.random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
        "A3TX" + FakeSecrets.random(41, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
        FakeSecrets.githubToken("ghp_"),
        FakeSecrets.githubToken("ghr_"),
        FakeSecrets.githubFineGrained(),
        "glpat-" + FakeSecrets.random(42, FakeSecrets.URLSAFE, 20),
        FakeSecrets.slackBotToken(),
        "https://hooks.slack.com/services/T0000AAAA/B0000BBBB/" + FakeSecrets.alnum(43, 24),
        FakeSecrets.stripeLive(),
        "rk_test_" + FakeSecrets.alnum(44, 24),
        FakeSecrets.googleApiKey(),
        "ya29." + FakeSecrets.random(45, FakeSecrets.URLSAFE, 40),
        FakeSecrets.openAiKey(),
        FakeSecrets.anthropicKey(),
        "npm_" + FakeSecrets.alnum(46, 36),
        "hf_" + FakeSecrets.alnum(47, 34),
        "SG." + FakeSecrets.random(48, FakeSecrets.URLSAFE, 22) + "."
            + FakeSecrets.random(49, FakeSecrets.URLSAFE, 43),
        FakeSecrets.jwt(),
        "Authorization: Bearer abc123def456ghi789jkl",
        "AUTHORIZATION: BEARER abc123def456ghi789jkl",
        "header bEaReR abc123def456ghi789jkl",
        "curl -H 'Authorization: Basic dXNlcjpwYXNzd29yZA=='",
        "AUTHORIZATION=BASIC dXNlcjpwYXNzd29yZA==",
        "postgres://admin:s3cretPass@db.example.com:5432/app",
        "mongodb+srv://svc:Pa55w0rd@cluster0.example.net/db",
        "password=hunter2xyz",
        "PASSWORD=hunter2xyz",
        "PassWd: hunter2xyz",
        "PassPhrase=correct-horse-9",
        "Pwd=Str0ng!Pass",
        "DB_PWD=letmein42",
        "Api-Key: s3cr3tvalue",
        "SECRET_ACCESS_KEY=wJalr1234abcd",
        "Private_Key=Zm9vYmFy1x",
        "ACCESS_TOKEN=abc123XYZ",
        "refreshToken: abc123def",
        "\"Client-Secret\": \"abcd1234\"");
  }

  /** Texts that look close to a secret but are none, and ordinary prose. */
  private static List<String> lookalikes() {
    return List.of(
        "The quick brown fox jumps over the lazy dog.",
        "see sk-2024-release-notes-for-the-product today",
        "password=changeme",
        "api_key: <your-api-key>",
        "https://example.com:8443/path?q=1",
        "the bearer of bad news",
        "authorization pending",
        "eyJhbGciOiJIUzI1NiJ9 without a payload",
        "AKIA is a prefix, nothing more");
  }

  private static List<PatternDetector> hintedDefaults() {
    List<PatternDetector> hinted = new ArrayList<>();
    for (Detector detector : SecretPatterns.defaults()) {
      if (detector instanceof PatternDetector pattern && pattern.hinted()) {
        hinted.add(pattern);
      }
    }
    return hinted;
  }

  @Test
  void everyHintedDefaultDetectorFindsTheSameRangesWithAndWithoutItsHints() {
    List<PatternDetector> hinted = hintedDefaults();
    Set<PatternDetector> foundSomething = new LinkedHashSet<>();
    List<String> texts = new ArrayList<>();
    for (String secret : secrets()) {
      texts.add("before " + secret + " after");
      texts.add(secret);
    }
    texts.addAll(lookalikes());

    for (PatternDetector detector : hinted) {
      for (String text : texts) {
        RangeSet withHints = new RangeSet();
        RangeSet withoutHints = new RangeSet();
        detector.find(text, withHints);
        detector.withoutHints().find(text, withoutHints);

        assertThat(withHints.merged()).as("%s on %s", detector, text)
            .isEqualTo(withoutHints.merged());
        if (withoutHints.size() > 0) {
          foundSomething.add(detector);
        }
      }
    }

    // Every hinted detector is exercised by at least one text it matches, so a wrong hint that
    // hides a match would show above.
    assertThat(hinted).hasSizeGreaterThanOrEqualTo(18);
    assertThat(foundSomething).containsExactlyInAnyOrderElementsOf(hinted);
  }

  @Test
  void aTextWithoutAnyHintIsNotSearchedEvenWhenTheExpressionWouldMatch() {
    PatternDetector detector = PatternDetector.whole("x+").hintedBy("zz");
    RangeSet found = new RangeSet();

    detector.find("xxx", found);
    assertThat(found.size()).isZero();

    detector.find("xxx zz", found);
    assertThat(found.merged()).containsExactly(0, 3);
  }

  @Test
  void caseInsensitiveHintsMatchAnyAsciiCaseAndMustBeGivenInLowerCase() {
    PatternDetector detector = new PatternDetector(
        Pattern.compile("(?i)token=(\\w+)"), 1, c -> true).hintedByIgnoringCase("token");

    assertThat(detector.mayMatch("TOKEN=abc")).isTrue();
    assertThat(detector.mayMatch("ToKeN=abc")).isTrue();
    assertThat(detector.mayMatch("tok en=abc")).isFalse();
    assertThatThrownBy(() -> detector.hintedByIgnoringCase("Token"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower case");
  }
}
