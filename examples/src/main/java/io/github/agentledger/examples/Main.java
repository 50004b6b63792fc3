package io.github.agentledger.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The command line of the examples jar: {@code java -jar agentledger-examples.jar <command>}.
 *
 * <p>Commands: {@code quickstart} (for now: the library version and the modules on the class
 * path). Exit status 0 on success, 2 on a usage error.
 */
public final class Main {
  private static final Map<String, String> MODULES = new LinkedHashMap<>();

  static {
    MODULES.put("checkpoint-api", "io.github.agentledger.checkpoint.CheckpointException");
    MODULES.put("checkpoint-jgit", "io.github.agentledger.checkpoint.jgit.RetryPolicy");
    MODULES.put("segment-log", "io.github.agentledger.segment.jsonl.Durability");
  }

  private Main() {}

  /**
   * Runs one command.
   *
   * @param args the command and its arguments
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs one command, printing to the given streams; the testable form of {@link #main}.
   *
   * @param args the command and its arguments
   * @param out where results go
   * @param err where usage errors go
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String command = args.length == 0 ? "quickstart" : args[0];
    switch (command) {
      case "quickstart":
        out.println("agentledger " + version());
        for (Map.Entry<String, String> module : MODULES.entrySet()) {
          out.println("  module " + module.getKey() + ": "
              + (isPresent(module.getValue()) ? "found" : "missing"));
        }
        return 0;
      default:
        err.println("unknown command '" + command + "'; commands: quickstart");
        return 2;
    }
  }

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = Main.class.getResourceAsStream("/agentledger-examples.properties")) {
      if (in == null) {
        return "unknown";
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the examples' version resource", e);
    }
    return properties.getProperty("version", "unknown");
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, Main.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
