package io.github.agentledger.cli;

/**
 * The entry point of {@code agentledger.jar}: runs {@link AgentLedger} and exits with its status.
 */
public final class Main {
  private Main() {}

  /**
   * Runs the command line and exits with its status (0 ok, 1 problem or not found, 2 usage,
   * 3 I/O error).
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    if (SystemConfigSkip.applies(args)) {
      SystemConfigSkip.install();
    }
    System.exit(AgentLedger.run(args, System.out, System.err));
  }
}
