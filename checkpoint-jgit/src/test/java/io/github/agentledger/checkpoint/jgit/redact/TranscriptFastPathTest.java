package io.github.agentledger.checkpoint.jgit.redact;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The prefilter that lets a transcript line with nothing that could start a secret through
 * unparsed ({@link Triggers}, {@link TranscriptPass}): every decision it makes, on lines that are
 * never the first of their transcript (the first line is always walked, to tell a pretty-printed
 * document from JSON lines). The reference is the same redactor without a prefilter: a rule of the
 * caller's own, even one that never matches, turns the prefilter off.
 */
class TranscriptFastPathTest {
  private static final String FIRST = "{\"type\":\"summary\",\"summary\":\"Fix the parser\"}\n";
  private final Redactor redactor = Redactor.defaults();
  private final Redactor fullPath =
      SecretRedactor.builder().addRule("never", Pattern.compile("(?!)")).build();
  private final RuleSet defaultRules = new RuleSet(Set.copyOf(DefaultRules.names()), List.of(),
      List.of(), Set.of());

  /** Redacts {@code line} as the second line of a transcript, returning it alone. */
  private String redactSecondLine(String line) {
    String output = new String(redactor.redactTranscript((FIRST + line).getBytes(UTF_8)), UTF_8);
    assertThat(output).startsWith(FIRST);
    return output.substring(FIRST.length());
  }

  /** Whether the prefilter fires on {@code line} placed between other bytes. */
  private boolean triggers(String line) {
    byte[] content = line.getBytes(UTF_8);
    byte[] padded = new byte[content.length + 8];
    java.util.Arrays.fill(padded, (byte) 'A'); // a word before and after: must not be read
    System.arraycopy(content, 0, padded, 4, content.length);
    return new Triggers(defaultRules).anyIn(padded, 4, 4 + content.length);
  }

  static Stream<Arguments> cleanAgentLines() {
    return Stream.of(
        Arguments.of("ids, uuids, timestamps and paths",
            "{\"parentUuid\":\"550e8400-e29b-41d4-a716-446655440000\",\"isSidechain\":false,"
                + "\"cwd\":\"/home/dev/projects/agentledger\",\"sessionId\":\"0197a1b2-c3d4-7e5f"
                + "-8a9b-0c1d2e3f4a5b\",\"type\":\"assistant\",\"message\":{\"id\":\"msg_01"
                + FakeSecrets.alnum(40, 22) + "\",\"model\":\"claude-sonnet-4-5\"},\"requestId\":"
                + "\"req_011C" + FakeSecrets.alnum(41, 20) + "\",\"timestamp\":"
                + "\"2026-12-06T12:10:07.123Z\"}"),
        Arguments.of("a tool call with its id",
            "{\"type\":\"tool_use\",\"id\":\"toolu_01" + FakeSecrets.alnum(42, 22) + "\","
                + "\"name\":\"Bash\",\"input\":{\"command\":\"git log --oneline -5\"}}"),
        Arguments.of("prose that names tokens and keys",
            "{\"type\":\"text\",\"text\":\"This keeps the token count low and the key order "
                + "stable: see src/main/App.java:42. Let me do it now.\\n\"}"),
        Arguments.of("code with a key variable and a url",
            "{\"content\":\"    String key = \\\"checkpoint:\\\" + id.value();\\n"
                + "const url = `https://api.example.com/v1/items?page=${page}&limit=50`;\\n"
                + "export PATH=$HOME/.local/bin:$PATH\\n  \\\"lodash\\\": \\\"^4.17.21\\\"\"}"),
        Arguments.of("a git commit hash and an email",
            "{\"commit\":\"9fceb02d0ae598e95dc970b74767f19372d61af8\",\"author\":"
                + "\"dev@example.com\"}"),
        Arguments.of("non-ASCII text and a CR before the line end",
            "{\"t\":\"日本語 ✓ 😀 ünïcödé\\t\\\"quoted\\\"\"}\r"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cleanAgentLines")
  void aCleanAgentLineHasNoTriggerAndComesBackAsTheSameArray(String shape, String line) {
    byte[] transcript = (FIRST + line + "\n" + line + "\n").getBytes(UTF_8);

    assertThat(triggers(line)).isFalse();
    assertThat(redactor.redactTranscript(transcript)).isSameAs(transcript);
  }

  static Stream<Arguments> linesThePrefilterMustNotSkip() {
    String aws = FakeSecrets.awsAccessKeyId();
    String ghp = FakeSecrets.githubToken("ghp_");
    String random = FakeSecrets.highEntropyToken();
    return Stream.of(
        Arguments.of("a token right after the line's opening quote",
            "{\"a\":\"" + ghp + "\"}", "{\"a\":\"REDACTED\"}"),
        Arguments.of("a token at the very end of a plain line",
            "export TOKEN_VALUE " + ghp, "export TOKEN_VALUE REDACTED"),
        Arguments.of("a token at the very start of a plain line",
            ghp + " is the token", "REDACTED is the token"),
        Arguments.of("a random token of no known shape",
            "{\"t\":\"use " + random + "\"}", "{\"t\":\"use REDACTED\"}"),
        Arguments.of("a token after an escaped line break",
            "{\"t\":\"line one\\n" + aws + "\"}", "{\"t\":\"line one\\nREDACTED\"}"),
        Arguments.of("a token spelled with a \\u escape",
            "{\"t\":\"\\u0041" + aws.substring(1) + "\"}", "{\"t\":\"REDACTED\"}"),
        Arguments.of("a member name spelled with a \\u escape",
            "{\"p\\u0061ssword\":\"hunter2x\"}", "{\"p\\u0061ssword\":\"REDACTED\"}"),
        Arguments.of("a url whose slashes are escaped",
            "{\"t\":\"postgres:\\/\\/app:hunter2x@db:5432\\/prod\"}",
            "{\"t\":\"postgres:\\/\\/app:REDACTED@db:5432\\/prod\"}"),
        Arguments.of("a password member with a plain value",
            "{\"user\":\"app\",\"password\":\"hunter2x\"}",
            "{\"user\":\"app\",\"password\":\"REDACTED\"}"),
        Arguments.of("a camel-case secret member with spaces around the colon",
            "{ \"dbPassword\" : \"hunter2x\" }", "{ \"dbPassword\" : \"REDACTED\" }"),
        Arguments.of("a two-word member name",
            "{\"api key\":\"abc123xyz\"}", "{\"api key\":\"REDACTED\"}"),
        Arguments.of("a name/value pair",
            "{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2x\"}",
            "{\"name\":\"DB_PASSWORD\",\"value\":\"REDACTED\"}"),
        Arguments.of("an assignment inside a string, after an escaped quote",
            "{\"t\":\"config {\\\"password\\\": \\\"hunter2x\\\"}\"}",
            "{\"t\":\"config {\\\"password\\\": \\\"REDACTED\\\"}\"}"),
        Arguments.of("an assignment with an escaped tab before the equals sign",
            "{\"t\":\"DB_PASSWORD\\t=hunter2x\"}", "{\"t\":\"DB_PASSWORD\\t=REDACTED\"}"),
        Arguments.of("a url with a password",
            "{\"t\":\"redis://cache:hunter2x@10.0.0.5:6379\"}",
            "{\"t\":\"redis://cache:REDACTED@10.0.0.5:6379\"}"),
        Arguments.of("a PEM block in a string",
            "{\"t\":\"" + FakeSecrets.pemPrivateKey().replace("\n", "\\n") + "\"}",
            "{\"t\":\"REDACTED\"}"),
        Arguments.of("a secret in a line ending in CR LF",
            "{\"a\":\"" + ghp + "\"}\r", "{\"a\":\"REDACTED\"}\r"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("linesThePrefilterMustNotSkip")
  void aLineWithASecretTriggersThePrefilterAndIsRedacted(String shape, String line,
      String expected) {
    assertThat(triggers(line)).isTrue();
    assertThat(redactSecondLine(line + "\n")).isEqualTo(expected + "\n");
  }

  @Test
  void thePrefilterReadsNoByteOutsideTheLine() {
    String token = FakeSecrets.githubToken("ghp_");
    byte[] bytes = ("{\"t\":\"x\"}" + token).getBytes(UTF_8);

    assertThat(new Triggers(defaultRules).anyIn(bytes, 0, 9)).isFalse();
    assertThat(new Triggers(defaultRules).anyIn(bytes, 9, bytes.length)).isTrue();
  }

  @Test
  void aLineThatIsNotUtf8StaysByteForByteWhetherCleanOrNot() {
    byte[] clean = {'{', '"', 't', '"', ':', '"', 'x', (byte) 0xC3, (byte) 0x28, ' ',
        (byte) 0xFF, '"', '}', '\n'};
    byte[] secret = FakeSecrets.stripeLive().getBytes(UTF_8);
    byte[] dirty = new byte[clean.length + secret.length];
    System.arraycopy(clean, 0, dirty, 0, 10);
    System.arraycopy(secret, 0, dirty, 10, secret.length);
    System.arraycopy(clean, 10, dirty, 10 + secret.length, clean.length - 10);
    byte[] first = FIRST.getBytes(UTF_8);
    byte[] cleanTranscript = concat(first, clean);

    assertThat(redactor.redactTranscript(cleanTranscript)).isSameAs(cleanTranscript);
    String redacted = new String(redactor.redactTranscript(concat(first, dirty)), ISO_8859_1);
    assertThat(redacted).isEqualTo(new String(first, ISO_8859_1)
        + new String(clean, 0, 10, ISO_8859_1) + "REDACTED"
        + new String(clean, 10, clean.length - 10, ISO_8859_1));
  }

  @Test
  void aRecordLineThatIsNotValidJsonIsScannedAsPlainText() {
    String token = FakeSecrets.stripeLive();

    assertThat(redactSecondLine("{\"broken\": \"" + token + "\"\n{\"ok\":1}\n"))
        .isEqualTo("{\"broken\": \"REDACTED\"\n{\"ok\":1}\n");
  }

  @Test
  void aRuleOfTheCallersOwnSeesLinesWithoutADefaultTrigger() {
    Redactor custom = SecretRedactor.builder()
        .addRule("acme-ticket", Pattern.compile("ACME-[0-9]{6}")).build();
    String transcript = FIRST + "{\"t\":\"see ACME-123456 now\"}\n";

    assertThat(new String(custom.redactTranscript(transcript.getBytes(UTF_8)), UTF_8))
        .isEqualTo(FIRST + "{\"t\":\"see REDACTED now\"}\n");
  }

  @Test
  void theCorpusGivesTheSameBytesWithAndWithoutThePrefilter() throws IOException {
    StringBuilder transcript = new StringBuilder(FIRST);
    for (RedactionCorpus.Sample sample : RedactionCorpus.load()) {
      if (sample.json()) {
        transcript.append(sample.input()).append('\n');
      } else {
        com.google.gson.JsonObject line = new com.google.gson.JsonObject();
        line.addProperty("type", "user");
        line.addProperty("content", sample.input());
        transcript.append(line).append("\r\n");
        transcript.append(sample.input()).append('\n'); // and as a plain line
      }
    }
    byte[] input = transcript.toString().getBytes(UTF_8);

    assertThat(new String(redactor.redactTranscript(input), UTF_8))
        .isEqualTo(new String(fullPath.redactTranscript(input), UTF_8));
  }

  @Test
  void mutatedAgentLinesGiveTheSameBytesWithAndWithoutThePrefilter() {
    List<String> seeds = new ArrayList<>();
    cleanAgentLines().forEach(arguments -> seeds.add((String) arguments.get()[1]));
    linesThePrefilterMustNotSkip().forEach(arguments -> seeds.add((String) arguments.get()[1]));
    SplittableRandom random = new SplittableRandom(19);
    String alphabet = "\"\\{}[]:,=@~-_/+ \tuAaKI09eyJ.Qnrt";
    StringBuilder transcript = new StringBuilder(FIRST);
    for (int mutant = 0; mutant < 3000; mutant++) {
      StringBuilder line = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      for (int edit = random.nextInt(1, 4); edit > 0 && line.length() > 0; edit--) {
        int at = random.nextInt(line.length());
        if (random.nextBoolean()) {
          line.deleteCharAt(at);
        } else {
          line.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      transcript.append(line.toString().replace("\n", "")).append('\n');
    }
    byte[] input = transcript.toString().getBytes(UTF_8);

    assertThat(new String(redactor.redactTranscript(input), UTF_8))
        .isEqualTo(new String(fullPath.redactTranscript(input), UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
