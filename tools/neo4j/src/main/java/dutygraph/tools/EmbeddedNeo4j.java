package dutygraph.tools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.api.security.exception.InvalidAuthTokenException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community running embedded with only the Bolt connector, bound to 127.0.0.1, so that
 * neo4j-driver talks to it exactly as to a standalone server. Used by the test suite where no
 * Docker engine is available.
 *
 * <p>Prints exactly one line {@code BOLT_READY bolt://127.0.0.1:<port>} on stdout once Bolt accepts
 * connections and the password is set; everything else goes to stderr or to {@code <home>/logs}.
 */
public final class EmbeddedNeo4j {
  static final String USER = "neo4j";
  static final String PASSWORD_ENV = "NEO4J_PASSWORD";

  // Enough for test graphs; the JVM heap itself is set by the launcher (-Xmx).
  private static final long PAGE_CACHE_BYTES = ByteUnit.mebiBytes(96);
  // Tests create and drop many small graphs: small, non-preallocated logs keep the temp dir tiny.
  private static final long TX_LOG_ROTATION_BYTES = ByteUnit.mebiBytes(16);

  private static final String USAGE =
      "usage: java -Xmx512m -jar dutygraph-neo4j.jar --home DIR [--port N] [--password PW] [--stop-on-stdin-eof]\n"
          + "  --home DIR           Neo4j home (data/ and logs/ are created inside); created if missing\n"
          + "  --port N             Bolt port on 127.0.0.1; 0 (default) picks a free port\n"
          + "  --password PW        password of user 'neo4j' (at least 8 characters); default: $"
          + PASSWORD_ENV
          + "\n"
          + "  --stop-on-stdin-eof  shut down when stdin closes, so a crashed parent leaves no server behind";

  record Options(Path home, int port, String password, boolean stopOnStdinEof) {}

  private EmbeddedNeo4j() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("embedded-neo4j: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    try {
      run(options);
    } catch (StartupException e) {
      System.err.println("embedded-neo4j: " + e.getMessage());
      System.exit(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.exit(1);
    }
  }

  static Options parse(String[] args, Map<String, String> env) {
    Path home = null;
    int port = 0;
    String password = env.get(PASSWORD_ENV);
    boolean stopOnStdinEof = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--home" -> home = Path.of(value(args, ++i, arg)).toAbsolutePath();
        case "--port" -> port = parsePort(value(args, ++i, arg));
        case "--password" -> password = value(args, ++i, arg);
        case "--stop-on-stdin-eof" -> stopOnStdinEof = true;
        default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
      }
    }
    if (home == null) {
      throw new IllegalArgumentException("--home is required");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("no password: pass --password or set $" + PASSWORD_ENV);
    }
    return new Options(home, port, password, stopOnStdinEof);
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index];
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException ignored) {
      // reported below with the offending text
    }
    throw new IllegalArgumentException("--port must be an integer between 0 and 65535, got '" + text + "'");
  }

  private static void run(Options options) throws StartupException, InterruptedException {
    prepareHome(options.home());
    DatabaseManagementService dbms;
    try {
      dbms =
          new DatabaseManagementServiceBuilder(options.home())
              .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
              .setConfig(BoltConnector.enabled, true)
              .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.port()))
              .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
              .setConfig(GraphDatabaseSettings.auth_enabled, true)
              .setConfig(GraphDatabaseSettings.pagecache_memory, PAGE_CACHE_BYTES)
              .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
              .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, TX_LOG_ROTATION_BYTES)
              .setConfig(GraphDatabaseSettings.udc_enabled, false)
              // Netty's default 5 s quiet period (twice) made every stop take ~10 s; tests stop
              // servers often and hold no connections open at that point.
              .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
              .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
              .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(2))
              .build();
    } catch (RuntimeException e) {
      throw new StartupException("Neo4j failed to start in " + options.home() + ": " + rootMessage(e), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

    try {
      ensurePassword(dbms, options.password());
    } catch (RuntimeException | InvalidAuthTokenException e) {
      throw new StartupException("cannot set the password of user '" + USER + "': " + rootMessage(e), e);
    }
    int port = boltPort(dbms);
    System.out.println("BOLT_READY bolt://127.0.0.1:" + port);
    System.out.flush();

    if (options.stopOnStdinEof()) {
      drain(System.in);
      System.exit(0);
    }
    // Neo4j's own threads are not guaranteed to be non-daemon; keep the JVM up until a signal.
    new CountDownLatch(1).await();
  }

  private static void prepareHome(Path home) throws StartupException {
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new StartupException("cannot create --home " + home + ": " + e.getMessage(), e);
    }
  }

  /**
   * A new home has the built-in user with password 'neo4j' and a forced change; a reopened home
   * has whatever password it was given before. Set the requested one unless it already logs in
   * (Neo4j refuses to "change" a password to itself). The embedded API runs against the system
   * database without authentication, so it may do this directly.
   */
  private static void ensurePassword(DatabaseManagementService dbms, String password)
      throws InvalidAuthTokenException {
    GraphDatabaseAPI system = systemDatabase(dbms);
    LoginContext login =
        system
            .getDependencyResolver()
            .resolveDependency(AuthManager.class)
            .login(AuthToken.newBasicAuthToken(USER, password), ClientConnectionInfo.EMBEDDED_CONNECTION);
    if (login.subject().getAuthenticationResult() == AuthenticationResult.SUCCESS) {
      return;
    }
    system.executeTransactionally(
        "ALTER USER " + USER + " SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
        Map.of("password", password));
  }

  private static GraphDatabaseAPI systemDatabase(DatabaseManagementService dbms) {
    return (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
  }

  private static int boltPort(DatabaseManagementService dbms) throws StartupException, InterruptedException {
    ConnectorPortRegister ports =
        systemDatabase(dbms).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      HostnamePort address = ports.getLocalAddress(ConnectorType.BOLT);
      if (address != null) {
        return address.getPort();
      }
      Thread.sleep(50);
    }
    throw new StartupException("the Bolt connector did not bind within 30 s", null);
  }

  private static void drain(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) != -1) {
        // input is ignored; only its end matters
      }
    } catch (IOException e) {
      // a broken stdin means the parent is gone, same as EOF
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  static final class StartupException extends Exception {
    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
