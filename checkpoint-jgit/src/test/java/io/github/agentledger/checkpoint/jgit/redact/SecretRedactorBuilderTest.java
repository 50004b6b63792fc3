package io.github.agentledger.checkpoint.jgit.redact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Adding, removing and allow-listing rules through the builder. */
class SecretRedactorBuilderTest {

  @Test
  void theDefaultRulesAreListedByName() {
    assertThat(SecretRedactor.defaultRuleNames())
        .contains("aws-access-key-id", "github-token", "jwt", "pem-private-key", "high-entropy",
            "secret-assignment", "url-password", "curl-user-password", "authorization-bearer")
        .isSorted();
    assertThat(SecretRedactor.defaults().ruleNames())
        .containsExactlyElementsOf(SecretRedactor.defaultRuleNames());
  }

  @Test
  void aRemovedDefaultRuleNoLongerFindsItsSecrets() {
    String token = FakeSecrets.githubToken("ghp_");
    String random = FakeSecrets.highEntropyToken();
    SecretRedactor redactor = SecretRedactor.builder()
        .removeRule("github-token").removeRule("high-entropy").build();

    assertThat(redactor.redactText(token + " " + random)).isEqualTo(token + " " + random);
    assertThat(redactor.redactText("password=hunter2x")).isEqualTo("password=REDACTED");
    assertThat(redactor.ruleNames()).doesNotContain("github-token", "high-entropy");
  }

  @Test
  void anAddedRuleMarksItsMatchOrItsSecretGroupInTextAndInJson() {
    SecretRedactor redactor = SecretRedactor.builder()
        .addRule("acme-ticket", Pattern.compile("\\bACME-[0-9]{6}\\b"))
        .addRule("internal-ref", Pattern.compile("ref=(?<secret>[a-z]{5})"))
        .build();
    String line = "{\"text\":\"see ACME-123456 and ref=abcde, \\u00e9t\\u00e9\"}\n";

    assertThat(redactor.redactText("see ACME-123456 and ref=abcde"))
        .isEqualTo("see REDACTED and ref=REDACTED");
    assertThat(new String(redactor.redactTranscript(line.getBytes(UTF_8)), UTF_8))
        .isEqualTo("{\"text\":\"see REDACTED and ref=REDACTED, \\u00e9t\\u00e9\"}\n");
    assertThat(redactor.ruleNames()).endsWith("acme-ticket", "internal-ref");
  }

  @Test
  void anAddedRuleSeesNonAsciiTextDecoded() {
    SecretRedactor redactor = SecretRedactor.builder()
        .addRule("geheim", Pattern.compile("geheim-[äöü]{3}")).build();

    assertThat(redactor.redactText("x ✓ geheim-äöü y")).isEqualTo("x ✓ REDACTED y");
  }

  @Test
  void allowListedValuesAndPatternsAreKept() {
    String fixtureKey = FakeSecrets.awsAccessKeyId();
    String otherKey = "AKIA" + FakeSecrets.random(99, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    SecretRedactor redactor = SecretRedactor.builder()
        .allowValues("fixtures", Set.of(fixtureKey))
        .allow("local-passwords", Pattern.compile("local-[a-z]+"))
        .build();

    assertThat(redactor.redactText(fixtureKey + " " + otherKey))
        .isEqualTo(fixtureKey + " REDACTED");
    assertThat(redactor.redactText("password=local-dev password=s3cr3t"))
        .isEqualTo("password=local-dev password=REDACTED");
    assertThat(new String(redactor.redactTranscript(
        "{\"password\":\"local-dev\"}".getBytes(UTF_8)), UTF_8))
        .isEqualTo("{\"password\":\"local-dev\"}");
    assertThat(redactor.allowListNames()).containsExactly("fixtures", "local-passwords");
  }

  @Test
  void anAllowListEntryCanBeRemovedAgain() {
    String key = FakeSecrets.awsAccessKeyId();
    SecretRedactor allowing = SecretRedactor.builder().allowValues("k", Set.of(key)).build();

    SecretRedactor strict = allowing.toBuilder().removeRule("k").build();

    assertThat(allowing.redactText(key)).isEqualTo(key);
    assertThat(strict.redactText(key)).isEqualTo("REDACTED");
  }

  @Test
  void aSkippedMemberIsNeverSearched() {
    String token = FakeSecrets.githubToken("ghp_");
    String line = "{\"blob\":\"" + token + "\",\"text\":\"" + token + "\"}";
    SecretRedactor redactor = SecretRedactor.builder().skipMember("blob").build();

    assertThat(new String(redactor.redactTranscript(line.getBytes(UTF_8)), UTF_8))
        .isEqualTo("{\"blob\":\"" + token + "\",\"text\":\"REDACTED\"}");
  }

  @Test
  void toBuilderKeepsEverythingAndBuildingTwiceGivesEqualRedactors() {
    SecretRedactor.Builder builder = SecretRedactor.builder().removeRule("jwt")
        .addRule("x", Pattern.compile("xyzzy"));
    SecretRedactor first = builder.build();
    SecretRedactor copy = first.toBuilder().build();

    assertThat(copy.ruleNames()).isEqualTo(first.ruleNames()).doesNotContain("jwt").contains("x");
    assertThat(builder.build().redactText("a xyzzy")).isEqualTo("a REDACTED");
  }

  @Test
  void badNamesAreRejectedNamingTheProblem() {
    SecretRedactor.Builder builder = SecretRedactor.builder();

    assertThatThrownBy(() -> builder.removeRule("no-such-rule"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-rule")
        .hasMessageContaining("github-token");
    assertThatThrownBy(() -> builder.addRule("jwt", Pattern.compile("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taken");
    assertThatThrownBy(() -> builder.addRule(" ", Pattern.compile("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    assertThatThrownBy(() -> builder.allowValues("e", Set.of("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    builder.addRule("mine", Pattern.compile("x"));
    assertThatThrownBy(() -> builder.allow("mine", Pattern.compile("y")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mine");
  }

  @Test
  void theRedactorInterfaceOffersTheBuilder() {
    Redactor redactor = Redactor.builder().removeRule("aws-access-key-id").build();
    String key = FakeSecrets.awsAccessKeyId();

    assertThat(redactor.redactText(key)).isEqualTo(key);
  }
}
