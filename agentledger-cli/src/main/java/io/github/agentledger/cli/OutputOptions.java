package io.github.agentledger.cli;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The output options every command has, and where its output goes: {@code --json} prints one
 * JSON document on standard output instead of the human report; {@code -q} silences progress on
 * standard error. Human lines go through {@link Terminal#safe(String)} at their source.
 *
 * <p>Filled by picocli as a mixin (the writers are then its command line's), or by
 * {@link FastPath} through {@link #direct}, which never loads picocli's model.
 */
final class OutputOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  /** The writers when built by {@link #direct}; picocli's command line's otherwise. */
  private @Nullable PrintWriter directOut;

  private @Nullable PrintWriter directErr;

  @Option(names = "--json", description = "Print one JSON document (see docs/cli.md) instead of"
      + " the report.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress output on standard error.")
  boolean quiet;

  /** {@return options that print to these writers, without a picocli command line} */
  static OutputOptions direct(PrintWriter out, PrintWriter err, boolean json, boolean quiet) {
    OutputOptions options = new OutputOptions();
    options.directOut = out;
    options.directErr = err;
    options.json = json;
    options.quiet = quiet;
    return options;
  }

  PrintWriter out() {
    return directOut != null ? directOut : spec.commandLine().getOut();
  }

  PrintWriter err() {
    return directErr != null ? directErr : spec.commandLine().getErr();
  }

  /** Prints a human line, unless the output is JSON. */
  void line(String text) {
    if (!json) {
      out().println(text);
    }
  }

  /** Prints the JSON document, when the output is JSON. */
  void json(Object document) {
    if (json) {
      out().println(Json.write(document));
    }
  }

  /** Prints a progress line on standard error, unless quiet. */
  void progress(String text) {
    if (!quiet) {
      err().println("agentledger: " + Terminal.safe(text));
      err().flush();
    }
  }
}
