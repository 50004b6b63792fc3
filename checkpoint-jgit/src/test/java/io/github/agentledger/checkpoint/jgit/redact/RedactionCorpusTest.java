package io.github.agentledger.checkpoint.jgit.redact;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Recall and false positives of the default redactor over the corpus, each text sample tested as
 * plain text and inside a JSON string value of a transcript line, each JSON sample as a line.
 * Goals: recall at least 95%, false positives at most 2%, and every sample whose secret was found
 * has exactly the expected output (only the secret's bytes replaced).
 */
class RedactionCorpusTest {
  private static List<RedactionCorpus.Sample> samples;
  /** A record line with nothing to redact, put before each transcript trial. */
  private static final String CLEAN_FIRST_LINE =
      "{\"type\":\"summary\",\"summary\":\"Fix the parser\"}\n";
  private final Redactor redactor = Redactor.defaults();

  @BeforeAll
  static void load() throws IOException {
    samples = RedactionCorpus.load();
  }

  /** A sample's input and expected output in one of the forms it is tested in. */
  private record Trial(RedactionCorpus.Sample sample, String form, String input,
      String expected) {}

  private static List<Trial> trials() {
    List<Trial> trials = new ArrayList<>();
    for (RedactionCorpus.Sample sample : samples) {
      if (sample.json()) {
        trials.add(new Trial(sample, "jsonl", sample.input(), sample.expected()));
      } else {
        trials.add(new Trial(sample, "text", sample.input(), sample.expected()));
        trials.add(new Trial(sample, "in-json", inJson(sample.input()),
            inJson(sample.expected())));
      }
    }
    return trials;
  }

  private static String inJson(String text) {
    JsonObject message = new JsonObject();
    message.addProperty("role", "user");
    message.addProperty("content", text);
    JsonObject line = new JsonObject();
    line.addProperty("type", "user");
    line.add("message", message);
    return line.toString();
  }

  /**
   * Redacts a trial; a transcript line goes second, after a clean record line, so that it passes
   * through the prefilter that every line but the first takes.
   */
  private String redact(Trial trial) {
    if (trial.form().equals("text")) {
      return redactor.redactText(trial.input());
    }
    String transcript = CLEAN_FIRST_LINE + trial.input();
    String output = new String(redactor.redactTranscript(transcript.getBytes(UTF_8)), UTF_8);
    assertThat(output).startsWith(CLEAN_FIRST_LINE);
    return output.substring(CLEAN_FIRST_LINE.length());
  }

  @Test
  void theCorpusHasAtLeastFortyKindsOfSecretAndTwentyKindsOfLookAlike() {
    Set<String> secretKinds = new TreeSet<>();
    Set<String> lookAlikeKinds = new TreeSet<>();
    for (RedactionCorpus.Sample sample : samples) {
      (sample.secret() ? secretKinds : lookAlikeKinds).add(sample.kind());
    }

    assertThat(secretKinds).hasSizeGreaterThanOrEqualTo(40);
    assertThat(lookAlikeKinds).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void recallIsAtLeastNinetyFivePercentAndFoundSecretsAreReplacedExactly() {
    int total = 0;
    int found = 0;
    Map<String, Integer> missedByKind = new TreeMap<>();
    List<String> inexact = new ArrayList<>();
    for (Trial trial : trials()) {
      if (!trial.sample().secret()) {
        continue;
      }
      total++;
      String output = redact(trial);
      boolean allGone = trial.sample().secrets().stream().noneMatch(output::contains);
      if (allGone) {
        found++;
        if (!output.equals(trial.expected())) {
          inexact.add(trial.sample().kind() + " (" + trial.form() + "): " + output);
        }
      } else {
        missedByKind.merge(trial.sample().kind() + " (" + trial.form() + ")", 1, Integer::sum);
      }
    }
    double recall = (double) found / total;
    System.out.printf("redaction corpus: recall %d/%d = %.4f; missed %s%n", found, total, recall,
        missedByKind);

    assertThat(inexact).as("found, but more or less than the secret replaced").isEmpty();
    assertThat(recall).as("recall over %d samples; missed: %s", total, missedByKind)
        .isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void falsePositivesAreAtMostTwoPercent() {
    int total = 0;
    int changed = 0;
    Map<String, String> changedByKind = new TreeMap<>();
    for (Trial trial : trials()) {
      if (trial.sample().secret()) {
        continue;
      }
      total++;
      String output = redact(trial);
      if (!output.equals(trial.input())) {
        changed++;
        changedByKind.putIfAbsent(trial.sample().kind() + " (" + trial.form() + ")", output);
      }
    }
    double rate = (double) changed / total;
    System.out.printf("redaction corpus: false positives %d/%d = %.4f; %s%n", changed, total,
        rate, changedByKind.keySet());

    assertThat(rate).as("false positives over %d samples: %s", total, changedByKind)
        .isLessThanOrEqualTo(0.02);
  }

  @Test
  void everyRedactedJsonLineStaysValidJsonWithTheSameKeys() {
    for (Trial trial : trials()) {
      if (trial.form().equals("text")) {
        continue;
      }
      String output = redact(trial);
      JsonElement before = JsonParser.parseString(trial.input());
      JsonElement after = JsonParser.parseString(output);

      assertThat(keys(after, "")).as(trial.sample().kind()).isEqualTo(keys(before, ""));
    }
  }

  @Test
  void mutatedLinesNeverBreakTheRedactorAndValidOnesStayValidWithTheirKeys() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(2026);
    String alphabet = "\"\\{}[]:,=@~-_/+ \nuAaKI09eyJ.";
    List<Trial> jsonTrials = trials().stream().filter(t -> !t.form().equals("text")).toList();
    int valid = 0;
    for (int mutant = 0; mutant < 2000; mutant++) {
      StringBuilder line = new StringBuilder(
          jsonTrials.get(random.nextInt(jsonTrials.size())).input());
      for (int edit = random.nextInt(1, 4); edit > 0 && line.length() > 0; edit--) {
        int at = random.nextInt(line.length());
        if (random.nextBoolean()) {
          line.deleteCharAt(at);
        } else {
          line.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String input = line.toString();
      String output = new String(redactor.redactTranscript(input.getBytes(UTF_8)), UTF_8);
      JsonElement before;
      try {
        com.google.gson.stream.JsonReader reader =
            new com.google.gson.stream.JsonReader(new java.io.StringReader(input));
        reader.setStrictness(com.google.gson.Strictness.STRICT);
        before = JsonParser.parseReader(reader);
        if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
          continue;
        }
      } catch (IOException | RuntimeException notJson) {
        continue;
      }
      valid++;
      assertThat(keys(JsonParser.parseString(output), "")).as(input)
          .isEqualTo(keys(before, ""));
    }
    assertThat(valid).isGreaterThan(100);
  }

  private static List<String> keys(JsonElement element, String path) {
    List<String> keys = new ArrayList<>();
    if (element.isJsonObject()) {
      for (Map.Entry<String, JsonElement> member : element.getAsJsonObject().entrySet()) {
        keys.add(path + "/" + member.getKey());
        keys.addAll(keys(member.getValue(), path + "/" + member.getKey()));
      }
    } else if (element.isJsonArray()) {
      for (int i = 0; i < element.getAsJsonArray().size(); i++) {
        keys.addAll(keys(element.getAsJsonArray().get(i), path + "[" + i + "]"));
      }
    }
    return keys;
  }
}
