package io.github.agentledger.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Runs the command in this JVM, as {@code Main} does, and keeps what it printed. */
record Cli(int status, String out, String err) {
  static Cli run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = AgentLedger.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Cli(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** Runs the command line through picocli only, never through {@link FastPath}. */
  static Cli runPicocli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = AgentLedger.runPicocli(args,
        new PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true,
            StandardCharsets.UTF_8),
        new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true,
            StandardCharsets.UTF_8));
    return new Cli(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  com.google.gson.JsonObject json() {
    return com.google.gson.JsonParser.parseString(out).getAsJsonObject();
  }
}
