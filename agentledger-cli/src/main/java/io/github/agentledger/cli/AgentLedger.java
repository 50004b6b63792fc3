package io.github.agentledger.cli;

import io.github.agentledger.checkpoint.CheckpointException;
import io.github.agentledger.checkpoint.CheckpointStorageException;
import io.github.agentledger.checkpoint.jgit.sync.CheckpointSyncException;
import io.github.agentledger.segment.SegmentIoException;
import io.github.agentledger.segment.SegmentLogException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code agentledger} command: checkpoints, segments and sync from a shell.
 *
 * <p>Exit statuses, for every command: 0 ok, 1 a problem was found or what was asked for does
 * not exist, 2 usage error, 3 I/O error. Exceptions become statuses here, in one place: a
 * {@link CheckpointStorageException}, {@link SegmentIoException} or {@link IOException} is 3,
 * any other {@link CheckpointException} or {@link SegmentLogException} is 1.
 */
@Command(name = "agentledger", mixinStandardHelpOptions = true,
    versionProvider = AgentLedger.Version.class,
    description = "Inspect, verify, repair and sync agentledger checkpoints and segment logs.")
final class AgentLedger {
  /** The command groups by name, each built only when used. */
  private static final Map<String, Supplier<Object>> GROUPS =
      Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
          "checkpoints", Checkpoints::new,
          "segments", Segments::new,
          "sync", SyncCommand::new,
          "cds-training", CdsTraining::new)));

  /**
   * The subcommands of a group that are classes of their own; the others are the group class's
   * {@code @Command} methods. The groups listed here do not add their subcommands themselves
   * ({@code addMethodSubcommands = false}): {@link #group} adds them, lazily.
   */
  private static final Map<String, Map<String, Supplier<Object>>> CLASS_SUBCOMMANDS = Map.of(
      "checkpoints", Map.of("verify", CheckpointVerify::new),
      "segments", Map.of("migrate", SegmentMigrate::new));

  private AgentLedger() {}

  /**
   * Runs one command line.
   *
   * @return the exit status
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
    try {
      OptionalInt fast = FastPath.run(args, outWriter, errWriter);
      if (fast.isPresent()) {
        return fast.getAsInt();
      }
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
    return runPicocli(args, outWriter, errWriter);
  }

  /**
   * Runs one command line through picocli, never through {@link FastPath}: what every command
   * line that is not a plain hot read gets, and what {@code FastPathTest} compares the fast path
   * against.
   *
   * @return the exit status
   */
  static int runPicocli(String[] args, PrintWriter outWriter, PrintWriter errWriter) {
    CommandLine line = commandLine(args);
    line.setOut(outWriter);
    line.setErr(errWriter);
    try {
      return line.execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * The command line for these arguments. Lazy: picocli builds the model of every command it is
   * given by reflection, which cost more than the JVM's own start-up; so when the first argument
   * names a command group, only that group is built (and only the subcommand of it that the second
   * names, see {@link #group}); {@code --version} builds none. Help, completion and anything
   * unknown get every group.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine line = new CommandLine(new AgentLedger());
    String first = args.length == 0 ? "" : args[0];
    // --version needs no group at all; help, completion and anything unknown need every one.
    boolean all = !first.equals("--version") && !first.equals("-V");
    String second = args.length < 2 ? "" : args[1];
    for (Map.Entry<String, Supplier<Object>> group : GROUPS.entrySet()) {
      if (group.getKey().equals(first)) {
        line.addSubcommand(group.getKey(), group(group.getKey(), group.getValue().get(), second));
        all = false;
      }
    }
    if (all) {
      GROUPS.forEach((name, command) -> line.addSubcommand(name, group(name, command.get(), "")));
      line.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
      Objects.requireNonNull(line.getSubcommands().get("generate-completion"), "just added")
          .getCommandSpec().usageMessage().hidden(true);
    }
    line.setExitCodeExceptionMapper(AgentLedger::exitCode);
    line.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("agentledger: " + Terminal.safe(String.valueOf(e.getMessage())));
      return exitCode(e);
    });
    return line;
  }

  /**
   * A group's command line with its subcommands: only the one named {@code wanted} when there is
   * one of that name (the model of each subcommand is built by reflection, as the groups' are),
   * else all of them, for help, completion and errors.
   */
  private static CommandLine group(String name, Object command, String wanted) {
    CommandLine line = new CommandLine(command);
    Map<String, Supplier<Object>> classes = CLASS_SUBCOMMANDS.get(name);
    if (classes == null) {
      return line;  // a group whose subcommands picocli adds itself
    }
    List<Method> methods = CommandLine.getCommandMethods(command.getClass(), null);
    boolean known = classes.containsKey(wanted) || methods.stream()
        .anyMatch(method -> method.getAnnotation(Command.class).name().equals(wanted));
    new TreeMap<>(classes).forEach((sub, create) -> {
      if (!known || sub.equals(wanted)) {
        line.addSubcommand(sub, create.get());
      }
    });
    for (Method method : methods) {
      String sub = method.getAnnotation(Command.class).name();
      if (!known || sub.equals(wanted)) {
        line.addSubcommand(sub, new CommandLine(method));
      }
    }
    return line;
  }

  static int exitCode(Throwable e) {
    if (e instanceof CommandLine.ParameterException) {
      return Exit.USAGE;
    }
    if (e instanceof CheckpointStorageException || e instanceof SegmentIoException
        || e instanceof IOException || e instanceof UncheckedIOException
        || e instanceof CheckpointSyncException) {
      return Exit.IO;
    }
    if (e instanceof CheckpointException || e instanceof SegmentLogException
        || e instanceof CheckpointIds.NotFoundException) {
      return Exit.PROBLEM;
    }
    return Exit.IO;
  }

  /** The version from the jar's filtered resource. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = AgentLedger.class.getResourceAsStream(
          "/agentledger-version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"agentledger " + properties.getProperty("version", "unknown")
          + " (Java " + System.getProperty("java.version") + ")"};
    }
  }
}
