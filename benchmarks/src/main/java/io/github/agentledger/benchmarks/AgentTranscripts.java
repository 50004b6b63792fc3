package io.github.agentledger.benchmarks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Agent transcripts shaped as a coding agent writes them (Claude Code's JSONL): user prompts,
 * assistant text in markdown, tool calls with shell commands and file edits, tool results holding
 * source files, now and then an image attachment and a line with a credential in it; every line
 * carries the ids, timestamps and paths that real lines carry.
 */
final class AgentTranscripts {
  private static final String[] PROSE = {"the", "test", "fails", "because", "the", "parser",
      "returns", "null", "when", "the", "input", "is", "empty;", "I'll", "add", "a", "guard",
      "clause", "and", "rerun", "the", "build.", "Let", "me", "check", "`CheckpointStore`",
      "first.", "This", "keeps", "the", "token", "count", "low", "and", "the", "key", "order",
      "stable:", "see", "src/main/java/io/github/agentledger/App.java:42.", "Done", "-", "all",
      "green."};
  private static final String[] CODE = {
      "package io.github.agentledger.checkpoint.jgit;",
      "import java.util.concurrent.ConcurrentHashMap;",
      "  private final Map<String, List<Integer>> cacheByName = new ConcurrentHashMap<>();",
      "  public Optional<CheckpointSummary> readSummary(CheckpointId id) throws IOException {",
      "    if (config.timeout().compareTo(Duration.ZERO) > 0 && retries < MAX_RETRIES) {",
      "      return Optional.of(new CheckpointSummary(id, metadata.sessionCount()));",
      "    String key = \"checkpoint:\" + id.value() + \":\" + sessionIndex;",
      "    assertThat(result).isEqualTo(expected); // TODO: compare bytes",
      "const url = `https://api.example.com/v1/items?page=${page}&limit=50`;",
      "export PATH=$HOME/.local/bin:$PATH",
      "  \"dependencies\": { \"lodash\": \"^4.17.21\", \"express\": \"4.19.2\" },",
      "timeout: 30s",
      "  retries: 3",
      "}"};
  private static final String[] COMMANDS = {"mvn -B -q -pl checkpoint-jgit -am verify",
      "git status --porcelain", "git log --oneline -5", "ls -la src/main/java",
      "grep -rn \"Redactor\" --include=*.java .", "npm test -- --watch=false"};
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private AgentTranscripts() {}

  /** About {@code bytes} bytes of transcript lines. */
  static byte[] jsonl(int bytes, SplittableRandom random) {
    StringBuilder out = new StringBuilder(bytes + 64 * 1024);
    int line = 0;
    while (out.length() < bytes) {
      JsonObject entry = new JsonObject();
      int pick = random.nextInt(100);
      String type = pick < 15 ? "user" : pick < 50 ? "assistant" : pick < 70 ? "tool_use"
          : "tool_result";
      entry.addProperty("parentUuid", uuid(random));
      entry.addProperty("isSidechain", false);
      entry.addProperty("cwd", "/home/dev/projects/agentledger");
      entry.addProperty("sessionId", uuid(random));
      entry.addProperty("version", "2.0.14");
      entry.addProperty("gitBranch", "main");
      entry.addProperty("type", type.startsWith("tool") ? (type.equals("tool_use") ? "assistant"
          : "user") : type);
      JsonObject message = new JsonObject();
      message.addProperty("role", entry.get("type").getAsString());
      JsonArray content = new JsonArray();
      if (type.equals("user")) {
        content.add(text(words(random, 10, 60) + (random.nextInt(50) == 0
            ? " my key is DB_PASSWORD=" + random(random, 12) : "")));
      } else if (type.equals("assistant")) {
        message.addProperty("id", "msg_01" + random(random, 22));
        message.addProperty("model", "claude-sonnet-4-5");
        content.add(text(words(random, 40, 200) + "\n\n```java\n" + code(random, 3, 12)
            + "```\n"));
      } else if (type.equals("tool_use")) {
        JsonObject use = new JsonObject();
        use.addProperty("type", "tool_use");
        use.addProperty("id", "toolu_01" + random(random, 22));
        JsonObject input = new JsonObject();
        if (random.nextBoolean()) {
          use.addProperty("name", "Bash");
          input.addProperty("command", COMMANDS[random.nextInt(COMMANDS.length)]);
          input.addProperty("description", words(random, 3, 8));
        } else {
          use.addProperty("name", "Edit");
          input.addProperty("file_path", "/home/dev/projects/agentledger/src/main/java/App.java");
          input.addProperty("old_string", code(random, 2, 8));
          input.addProperty("new_string", code(random, 2, 10));
        }
        use.add("input", input);
        content.add(use);
      } else {
        JsonObject result = new JsonObject();
        result.addProperty("type", "tool_result");
        result.addProperty("tool_use_id", "toolu_01" + random(random, 22));
        if (random.nextInt(40) == 0) {
          JsonObject image = new JsonObject();
          image.addProperty("type", "image");
          JsonObject source = new JsonObject();
          source.addProperty("type", "base64");
          source.addProperty("media_type", "image/png");
          source.addProperty("data", base64(random, 24 * 1024));
          image.add("source", source);
          JsonArray parts = new JsonArray();
          parts.add(image);
          result.add("content", parts);
        } else {
          result.addProperty("content", code(random, 20, 200));
        }
        content.add(result);
      }
      message.add("content", content);
      entry.add("message", message);
      entry.addProperty("uuid", uuid(random));
      entry.addProperty("timestamp", "2026-12-06T12:" + (10 + line % 50) + ":07.123Z");
      if (!type.equals("user")) {
        entry.addProperty("requestId", "req_011C" + random(random, 20));
      }
      out.append(entry).append('\n');
      line++;
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject text(String text) {
    JsonObject part = new JsonObject();
    part.addProperty("type", "text");
    part.addProperty("text", text);
    return part;
  }

  private static String words(SplittableRandom random, int min, int max) {
    StringBuilder out = new StringBuilder();
    int count = random.nextInt(min, max);
    for (int i = 0; i < count; i++) {
      out.append(PROSE[random.nextInt(PROSE.length)]).append(' ');
    }
    return out.toString();
  }

  private static String code(SplittableRandom random, int min, int max) {
    StringBuilder out = new StringBuilder();
    int count = random.nextInt(min, max);
    for (int i = 0; i < count; i++) {
      out.append(String.format("%5d\t", i + 1)).append(CODE[random.nextInt(CODE.length)])
          .append('\n');
    }
    return out.toString();
  }

  private static String uuid(SplittableRandom random) {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }

  private static String random(SplittableRandom random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    return out.toString();
  }

  private static String base64(SplittableRandom random, int bytes) {
    byte[] data = new byte[bytes];
    random.nextBytes(data);
    return java.util.Base64.getEncoder().encodeToString(data);
  }
}
