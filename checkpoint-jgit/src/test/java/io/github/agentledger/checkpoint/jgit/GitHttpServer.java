package io.github.agentledger.checkpoint.jgit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A smart-HTTP git server on a free loopback port for tests: the JDK's built-in
 * {@link HttpServer} requires HTTP Basic authentication with one user and password, then runs
 * {@code git http-backend} as a CGI process per request (the request body streamed to its
 * standard input, its CGI headers parsed from its standard output). Every wait is bounded; nothing
 * sleeps. Repositories are served from a base directory; pushes need {@code http.receivepack} in
 * the served repository's configuration.
 */
final class GitHttpServer implements AutoCloseable {
  private static final long CGI_SECONDS = 60;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path base;
  private final Path home;
  private final String user;
  private final String password;
  private final StringBuffer log = new StringBuffer();
  private final AtomicInteger refusals = new AtomicInteger();

  private GitHttpServer(HttpServer server, ExecutorService executor, Path base, Path home,
      String user, String password) {
    this.server = server;
    this.executor = executor;
    this.base = base;
    this.home = home;
    this.user = user;
    this.password = password;
  }

  /** {@return whether {@code git} and its {@code http-backend} program are installed} */
  static boolean isAvailable() {
    if (!GitCli.isAvailable()) {
      return false;
    }
    try {
      Process execPath = new ProcessBuilder("git", "--exec-path").redirectErrorStream(true)
          .start();
      String dir = new String(execPath.getInputStream().readAllBytes(), UTF_8).trim();
      if (!execPath.waitFor(60, TimeUnit.SECONDS) || execPath.exitValue() != 0) {
        return false;
      }
      return Files.isExecutable(Path.of(dir, "git-http-backend"));
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts serving every repository under {@code base} to {@code user}/{@code password}. */
  static GitHttpServer start(Path base, Path home, String user, String password)
      throws IOException {
    Files.createDirectories(home);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    GitHttpServer git = new GitHttpServer(server, executor, base, home, user, password);
    server.createContext("/", git::handle);
    server.start();
    return git;
  }

  /** {@return the {@code http://} URL of a repository under the base directory} */
  String url(String repository) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
  }

  /** {@return how many requests were refused for missing or wrong credentials} */
  int refusals() {
    return refusals.get();
  }

  /** {@return what the backend wrote to its standard error, for failure messages} */
  String log() {
    return log.toString();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        refusals.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      runBackend(exchange);
    } catch (IOException | RuntimeException e) {
      log.append("request failed: ").append(e).append('\n');
      throw e;
    }
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String expected = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
    return header.substring(6).trim().equals(expected);
  }

  private void runBackend(HttpExchange exchange) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("GIT_"));
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_PROJECT_ROOT", base.toString());
    env.put("GIT_HTTP_EXPORT_ALL", "1");
    env.put("GATEWAY_INTERFACE", "CGI/1.1");
    env.put("SERVER_PROTOCOL", "HTTP/1.1");
    env.put("REMOTE_ADDR", "127.0.0.1");
    env.put("REMOTE_USER", user);
    env.put("REQUEST_METHOD", exchange.getRequestMethod());
    env.put("PATH_INFO", exchange.getRequestURI().getRawPath());
    String query = exchange.getRequestURI().getRawQuery();
    env.put("QUERY_STRING", query == null ? "" : query);
    copyHeader(exchange, "Content-Type", "CONTENT_TYPE", env);
    copyHeader(exchange, "Content-Length", "CONTENT_LENGTH", env);
    copyHeader(exchange, "Content-Encoding", "HTTP_CONTENT_ENCODING", env);
    copyHeader(exchange, "Git-Protocol", "HTTP_GIT_PROTOCOL", env);
    Process process = builder.start();
    CompletableFuture<Void> input = CompletableFuture.runAsync(() -> {
      try (InputStream body = exchange.getRequestBody();
          OutputStream stdin = process.getOutputStream()) {
        body.transferTo(stdin);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    CompletableFuture<Void> errors = CompletableFuture.runAsync(() -> {
      try (InputStream stderr = process.getErrorStream()) {
        log.append(new String(stderr.readAllBytes(), UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try (InputStream stdout = process.getInputStream()) {
      int status = 200;
      String line;
      while (!(line = headerLine(stdout)).isEmpty()) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.toLowerCase(Locale.ROOT).equals("status")) {
          status = Integer.parseInt(value.split(" ", 2)[0]);
        } else {
          exchange.getResponseHeaders().add(name, value);
        }
      }
      exchange.sendResponseHeaders(status, 0);
      try (OutputStream response = exchange.getResponseBody()) {
        stdout.transferTo(response);
      }
      input.get(CGI_SECONDS, TimeUnit.SECONDS);
      errors.get(CGI_SECONDS, TimeUnit.SECONDS);
      if (!process.waitFor(CGI_SECONDS, TimeUnit.SECONDS)) {
        throw new IOException("git http-backend did not exit within " + CGI_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while serving " + exchange.getRequestURI(), e);
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException e) {
      throw new IOException("serving " + exchange.getRequestURI() + " failed: " + e, e);
    } finally {
      process.destroyForcibly();
    }
  }

  private static void copyHeader(HttpExchange exchange, String header, String variable,
      Map<String, String> env) {
    String value = exchange.getRequestHeaders().getFirst(header);
    if (value != null) {
      env.put(variable, value);
    }
  }

  /** Reads one CGI header line (ended by LF or CRLF); empty at the blank line or at the end. */
  private static String headerLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    server.stop(0);
    executor.shutdownNow();
    if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the git HTTP server's threads did not stop: " + log);
    }
  }
}
