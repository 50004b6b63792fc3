package io.github.agentledger.cli;

/** The exit statuses of every command; documented in {@code docs/cli.md} and stable. */
final class Exit {
  /** Success: the command did what was asked and found nothing wrong. */
  static final int OK = 0;
  /** A problem was found (verify), or what was asked for does not exist. */
  static final int PROBLEM = 1;
  /** The command line was wrong: unknown command or option, bad value, ambiguous id prefix. */
  static final int USAGE = 2;
  /** Reading or writing failed: unreadable repository or directory, transport failure. */
  static final int IO = 3;

  private Exit() {}
}
