package io.github.agentledger.checkpoint.jgit.redact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redaction corpus ({@code src/test/resources/redact/corpus.tsv}) expanded into samples: each
 * template with several seeds. A sample knows its input, the exact expected output, and the
 * secret values it holds. See the file's header for the template language.
 */
final class RedactionCorpus {
  static final String RESOURCE = "/redact/corpus.tsv";
  /** Seeds per template: 12, times {@code agentledger.stress.scale} (10 under -Pstress). */
  static final int SEEDS = 12 * Integer.getInteger("agentledger.stress.scale", 1);
  private static final Pattern CLASS_DIRECTIVE = Pattern.compile("\\{([^{}\"\\s:]+):(\\d+)\\}");

  /** One expanded sample. */
  record Sample(String kind, boolean secret, boolean json, String input, String expected,
      List<String> secrets) {}

  private RedactionCorpus() {}

  static List<Sample> load() throws IOException {
    List<Sample> samples = new ArrayList<>();
    try (InputStream in = RedactionCorpus.class.getResourceAsStream(RESOURCE)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", 3);
        if (fields.length != 3) {
          throw new IllegalStateException("corpus line without three fields: " + line);
        }
        boolean json = fields[0].startsWith("json-");
        boolean secret = fields[0].endsWith("secret");
        String template = json ? fields[2] : fields[2].replace("\\n", "\n");
        for (int seed = 1; seed <= SEEDS; seed++) {
          SplittableRandom random = new SplittableRandom(fields[1].hashCode() * 1000L + seed);
          samples.add(expand(fields[1], secret, json, template, random));
        }
      }
    }
    return samples;
  }

  private static Sample expand(String kind, boolean secret, boolean json, String template,
      SplittableRandom random) {
    StringBuilder input = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    List<String> secrets = new ArrayList<>();
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf("[[", at);
      if (open < 0) {
        String rest = generate(template.substring(at), random);
        input.append(rest);
        expected.append(rest);
        break;
      }
      int close = template.indexOf("]]", open);
      String before = generate(template.substring(at, open), random);
      String value = generate(template.substring(open + 2, close), random);
      input.append(before).append(value);
      expected.append(before).append(SecretRedactor.REPLACEMENT);
      secrets.add(value);
      at = close + 2;
    }
    if (secret != !secrets.isEmpty()) {
      throw new IllegalStateException("kind " + kind + ": secrets and [[ ]] marks disagree");
    }
    return new Sample(kind, secret, json, input.toString(), expected.toString(),
        List.copyOf(secrets));
  }

  /** Expands {@code {CLASS:N}} and {@code {base64:TEXT}} directives; other text is kept. */
  static String generate(String template, SplittableRandom random) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < template.length()) {
      char c = template.charAt(at);
      if (c == '{' && template.startsWith("{base64:", at)) {
        int end = matchingBrace(template, at);
        String inner = generate(template.substring(at + "{base64:".length(), end), random);
        out.append(Base64.getEncoder().encodeToString(inner.getBytes(StandardCharsets.UTF_8)));
        at = end + 1;
        continue;
      }
      Matcher directive = CLASS_DIRECTIVE.matcher(template).region(at, template.length());
      if (c == '{' && directive.lookingAt()) {
        String alphabet = alphabet(directive.group(1));
        int count = Integer.parseInt(directive.group(2));
        for (int i = 0; i < count; i++) {
          out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        at = directive.end();
        continue;
      }
      out.append(c);
      at++;
    }
    return out.toString();
  }

  private static int matchingBrace(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      if (text.charAt(i) == '{') {
        depth++;
      } else if (text.charAt(i) == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unbalanced braces in " + text);
  }

  private static String alphabet(String spec) {
    StringBuilder chars = new StringBuilder();
    int i = 0;
    while (i < spec.length()) {
      if (i + 2 < spec.length() && spec.charAt(i + 1) == '-') {
        for (char c = spec.charAt(i); c <= spec.charAt(i + 2); c++) {
          chars.append(c);
        }
        i += 3;
      } else {
        chars.append(spec.charAt(i));
        i++;
      }
    }
    return chars.toString();
  }
}
