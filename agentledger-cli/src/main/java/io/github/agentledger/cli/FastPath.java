package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.jgit.CheckpointLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Runs the hot read commands without picocli: {@code --version}, {@code checkpoints list} and
 * {@code checkpoints show}, for exactly the command lines whose meaning is plain. Building
 * picocli's model of even one command (reflection over its annotations, the help and converter
 * machinery) costs more CPU than the JVM's own start-up, so the commands that scripts and editors
 * run most skip it.
 *
 * <p>The grammar accepted here is a strict subset of picocli's for the same commands: options
 * in any order, each at most once, {@code --name VALUE} or {@code --name=VALUE}, values that
 * start with neither {@code -} nor {@code @}, layouts spelled as the enum constant, counts as
 * plain decimal. Anything else (help, completion, {@code --}, argument files, repeated or unknown
 * options, bad values, a usage error found while running such as an ambiguous id prefix) is
 * handed to picocli, which then parses, prints and exits as it always did; {@code FastPathTest}
 * runs a matrix of command lines both ways and requires identical output and status.
 *
 * <p>Stateless and thread-safe: everything it reads is in its arguments.
 */
final class FastPath {
  private FastPath() {}

  /**
   * Runs {@code args} when they are a command line of the fast grammar.
   *
   * @return the exit status, or empty when picocli must run the command line instead (nothing
   *     has been printed then)
   */
  static OptionalInt run(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      try {
        for (String line : new AgentLedger.Version().getVersion()) {
          out.println(line);
        }
        return OptionalInt.of(Exit.OK);
      } catch (IOException e) {
        return OptionalInt.empty();
      }
    }
    if (args.length < 2 || !args[0].equals("checkpoints")) {
      return OptionalInt.empty();
    }
    Optional<Parsed> parsed = parse(args);
    if (parsed.isEmpty()) {
      return OptionalInt.empty();
    }
    Parsed command = parsed.get();
    RepoOptions repo = RepoOptions.of(command.repo, command.layout);
    OutputOptions output = OutputOptions.direct(out, err, command.json, command.quiet);
    try {
      if (command.name.equals("list")) {
        return OptionalInt.of(Checkpoints.listing(repo, output));
      }
      return OptionalInt.of(Checkpoints.show(command.id, command.transcriptLines,
          command.sessions, repo, output, message -> new HandOver()));
    } catch (HandOver e) {
      return OptionalInt.empty();
    } catch (Exception e) {
      // As AgentLedger's execution exception handler reports what a command throws.
      err.println("agentledger: " + Terminal.safe(String.valueOf(e.getMessage())));
      return OptionalInt.of(AgentLedger.exitCode(e));
    }
  }

  /** {@return the parsed {@code checkpoints list|show} line, or empty when it is not plain} */
  private static Optional<Parsed> parse(String[] args) {
    Parsed parsed = new Parsed(args[1]);
    boolean show = parsed.name.equals("show");
    if (!show && !parsed.name.equals("list")) {
      return Optional.empty();
    }
    Set<String> seen = new HashSet<>();
    for (int i = 2; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("@")) {
        return Optional.empty();  // picocli reads an argument file
      }
      if (!arg.startsWith("-")) {
        if (!show || !parsed.id.isEmpty()) {
          return Optional.empty();
        }
        parsed.id = arg;
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      String option = name.equals("-q") ? "--quiet" : name;
      if (!seen.add(option)) {
        return Optional.empty();  // picocli rejects an option given twice
      }
      if (option.equals("--json") || option.equals("--quiet")) {
        if (equals >= 0) {
          return Optional.empty();
        }
        parsed.json |= option.equals("--json");
        parsed.quiet |= option.equals("--quiet");
        continue;
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        return Optional.empty();
      }
      if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")
          || !parsed.set(option, value, show)) {
        return Optional.empty();
      }
    }
    if (show && parsed.id.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parsed);
  }

  /** A {@code checkpoints list|show} command line as picocli would have filled its options. */
  private static final class Parsed {
    final String name;
    Path repo = Path.of(".");
    Optional<CheckpointLayout> layout = Optional.empty();
    boolean json;
    boolean quiet;
    String id = "";
    int transcriptLines = 3;
    int sessions = 20;

    Parsed(String name) {
      this.name = name;
    }

    /** {@return whether the option is one of the command's and its value plain} */
    boolean set(String option, String value, boolean show) {
      switch (option) {
        case "--repo":
          repo = Path.of(value);
          return true;
        case "--layout":
          for (CheckpointLayout candidate : CheckpointLayout.values()) {
            if (candidate.name().equals(value)) {
              layout = Optional.of(candidate);
              return true;
            }
          }
          return false;
        case "--transcript-lines":
          return show && count(value).map(n -> transcriptLines = n).isPresent();
        case "--sessions":
          return show && count(value).map(n -> sessions = n).isPresent();
        default:
          return false;
      }
    }

    /** {@return a plain decimal count (no sign, no leading zero, as picocli reads it too)} */
    private static Optional<Integer> count(String value) {
      return value.matches("0|[1-9][0-9]{0,8}")
          ? Optional.of(Integer.parseInt(value)) : Optional.empty();
    }
  }

  /** A usage error met while running: picocli runs the command line again and reports it. */
  private static final class HandOver extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HandOver() {
      super(null, null, false, false);
    }
  }
}
