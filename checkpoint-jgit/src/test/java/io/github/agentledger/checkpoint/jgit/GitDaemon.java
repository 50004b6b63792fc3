package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code git daemon} serving a directory on a free loopback port, with pushes enabled, started
 * and stopped by a test. Readiness is the daemon's own {@code Ready to rumble} log line (read, not
 * waited for by sleeping), confirmed by a bounded loop of connection attempts.
 */
public final class GitDaemon implements AutoCloseable {
  private static final long START_SECONDS = 60;

  private final Process process;
  private final int port;
  private final StringBuffer log = new StringBuffer();

  private GitDaemon(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** {@return whether {@code git daemon} is installed (its help exits with status 0)} */
  public static boolean isAvailable() {
    if (!GitCli.isAvailable()) {
      return false;
    }
    try {
      Process help = new ProcessBuilder("git", "daemon", "--help").redirectErrorStream(true)
          .start();
      help.getInputStream().readAllBytes();
      return help.waitFor(60, TimeUnit.SECONDS) && help.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts a daemon exporting every repository under {@code base}, with a private home. */
  public static GitDaemon start(Path base, Path home) throws IOException, InterruptedException {
    Files.createDirectories(home);
    int port = freeLoopbackPort();
    ProcessBuilder builder = new ProcessBuilder(List.of("git", "daemon", "--verbose",
        "--reuseaddr", "--base-path=" + base, "--export-all", "--enable=receive-pack",
        "--port=" + port, "--listen=127.0.0.1", base.toString()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("GIT_"));
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    GitDaemon daemon = new GitDaemon(builder.start(), port);
    CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(daemon::readLogUntilReady);
    try {
      if (!ready.get(START_SECONDS, TimeUnit.SECONDS)) {
        daemon.close();
        throw new IllegalStateException("git daemon exited before it was ready: " + daemon.log);
      }
      daemon.awaitConnectable();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      daemon.close();
      throw new IllegalStateException("git daemon did not get ready: " + daemon.log, e);
    }
    return daemon;
  }

  /** {@return the {@code git://} URL of a repository under the base directory} */
  public String url(String repository) {
    return "git://127.0.0.1:" + port + "/" + repository;
  }

  private boolean readLogUntilReady() {
    BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), UTF_8));
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        log.append(line).append('\n');
        if (line.contains("Ready to rumble")) {
          // Keep draining the log so that the daemon never blocks on a full pipe.
          Thread drain = new Thread(() -> drain(reader), "git-daemon-log");
          drain.setDaemon(true);
          drain.start();
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void drain(BufferedReader reader) {
    try {
      String line;
      while ((line = reader.readLine()) != null) {
        log.append(line).append('\n');
      }
    } catch (IOException e) {
      // The daemon was stopped; nothing more to read.
    }
  }

  /** A bounded number of connection attempts; each refused one is retried at once. */
  private void awaitConnectable() throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 1_000; attempt++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
        return;
      } catch (IOException e) {
        last = e;
        if (!process.isAlive()) {
          break;
        }
        Thread.onSpinWait();
      }
    }
    throw new IOException("git daemon on port " + port + " accepts no connection: " + log, last);
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
