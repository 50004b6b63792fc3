package io.github.agentledger.examples;

import io.github.agentledger.examples.crashrecovery.CrashRecovery;
import io.github.agentledger.examples.conversation.ChatMemory;
import io.github.agentledger.examples.fork.ForkConversation;
import io.github.agentledger.examples.inspect.Inspect;
import io.github.agentledger.examples.quickstart.Quickstart;
import io.github.agentledger.examples.gitrefs.GitRefsLayout;
import io.github.agentledger.examples.rotation.Rotation;
import io.github.agentledger.examples.sync.TeamSync;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The command line of the examples jar: {@code java -jar agentledger-examples.jar <command>}.
 *
 * <p>Commands: {@code quickstart}, {@code crash-recovery}, {@code rotation}, {@code git-refs},
 * {@code conversation}, {@code fork}, {@code sync}, {@code inspect} (see {@link Inspect}) and
 * {@code help}. Each example works in a new temporary directory that it names and leaves in
 * place. Exit status 0 on success, 1 when the command failed, 2 on a usage error.
 */
public final class Main {
  static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar agentledger-examples.jar <command> [arguments]",
      "commands:",
      "  quickstart       a conversation, a commit with its checkpoint, everything read back",
      "  crash-recovery   a torn tail left by a crash, repaired when a writer reopens",
      "  rotation         v2 generations archived at a small threshold, listed, read back",
      "  conversation     a chat memory by key: turns, visible window, reopen, transcript",
      "  git-refs         one ref per checkpoint (ULID ids) beside a v1 checkpoint",
      "  fork             fork a conversation at a turn; lineage; fork when the head moved",
      "  sync             two clones push and fetch checkpoints through one remote",
      "  inspect <repo> [list | show <id> | generations]",
      "                   the checkpoints of any git repository, read-only",
      "  inspect segment <file.jsonl>",
      "                   the state a segment log replays into",
      "  help             this text");

  private Main() {}

  /**
   * Runs one command and exits with its status when it is not 0.
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
   * @param err where errors and usage go
   * @return the exit status: 0 success, 1 failure, 2 usage error
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String command = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (command) {
        case "quickstart":
          out.println("agentledger " + version());
          Quickstart.run(Quickstart.newWorkDirectory(), out);
          return 0;
        case "crash-recovery":
          out.println("agentledger " + version());
          CrashRecovery.run(tempDirectory("agentledger-crash-recovery-", out), out);
          return 0;
        case "rotation":
          out.println("agentledger " + version());
          Rotation.run(tempDirectory("agentledger-rotation-", out), out);
          return 0;
        case "conversation":
          out.println("agentledger " + version());
          ChatMemory.run(tempDirectory("agentledger-conversation-", out), out);
          return 0;
        case "git-refs":
          out.println("agentledger " + version());
          GitRefsLayout.run(tempDirectory("agentledger-git-refs-", out), out);
          return 0;
        case "fork":
          out.println("agentledger " + version());
          ForkConversation.run(tempDirectory("agentledger-fork-", out), out);
          return 0;
        case "sync":
          out.println("agentledger " + version());
          TeamSync.run(tempDirectory("agentledger-sync-", out), out);
          return 0;
        case "inspect":
          return Inspect.run(rest, out, err);
        case "help":
          out.println(USAGE);
          return 0;
        default:
          err.println("unknown command '" + command + "'");
          err.println(USAGE);
          return 2;
      }
    } catch (RuntimeException e) {
      err.println(command + " failed: " + e);
      return 1;
    }
  }

  static Path tempDirectory(String prefix, PrintStream out) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      out.println("working in " + dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory " + prefix + "…", e);
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
}
