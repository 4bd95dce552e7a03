package io.rigshare.bench;

import java.net.URI;
import java.nio.file.Path;

/**
 * The options of a tool that measures the API: attach to a running one ({@code --api}, with its process id and its
 * database for the CPU and database figures) or start one ({@link ApiLauncher}: jar, configuration, data dir, ports,
 * JVM options). Each tool's options extend these with its own.
 */
abstract class ApiOptions implements Flags.Target {
  private static final String USAGE =
      """
      the API
        --api URL                 attach to a running API (loopback only) instead of starting one
        --api-pid PID             with --api: its process id, for its CPU (and the tool's profiles of it)
        --db-dir DIR              with --api: its embedded PostgreSQL data dir (DATA_DIR/pg)
        --db-url URL              with --api: postgres://user@host:port/db instead of --db-dir
        --api-jar FILE            the API to start
                                              [marketplace-api/target/marketplace-api-0.1.0-SNAPSHOT-all.jar]
        --config FILE             its configuration                                         [bench/bench-config.yml]
        --data-dir DIR            its data dir (must not exist, or be empty)%40s
        --keep-data               leave the data dir behind (default: deleted after a run that started the API)
        --port P                  API port; admin P+1, agents P+10                                        [18080]
        --api-java-opts "OPTS"    JVM options of the started API                                    ["-Xmx1g"]
      """;

  private final String tool;

  URI api;
  Long apiPid;
  Path dbDir;
  String dbUrl;
  Path apiJar = Path.of("marketplace-api", "target", "marketplace-api-0.1.0-SNAPSHOT-all.jar");
  Path config = Path.of("bench", "bench-config.yml");
  Path dataDir;
  boolean keepData;
  int port = 18080;
  String apiJavaOpts = "-Xmx1g";

  /** The usage lines of these options, a section of the usage of {@code tool} (as named in its default data dir). */
  static String usage(String tool) {
    return USAGE.formatted("[/tmp/rigshare-" + tool + "/data-<time>]");
  }

  /** {@code tool} names the default data dir, /tmp/rigshare-TOOL/data-TIME. */
  ApiOptions(String tool) {
    this.tool = tool;
  }

  boolean attach() {
    return api != null;
  }

  /** The data dir of an API this tool starts: {@code --data-dir}, else a fresh one under /tmp/rigshare-TOOL. */
  Path launchDataDir() {
    return dataDir != null ? dataDir : Path.of("/tmp", "rigshare-" + tool, "data-" + DispatchLoad.stamp());
  }

  @Override
  public boolean turnOn(String flag) {
    if (flag.equals("--keep-data")) {
      keepData = true;
      return true;
    }
    return false;
  }

  @Override
  public void set(String flag, String value) {
    switch (flag) {
      case "--api" -> api = URI.create(value);
      case "--api-pid" -> apiPid = Long.parseLong(value);
      case "--db-dir" -> dbDir = Path.of(value);
      case "--db-url" -> dbUrl = value;
      case "--api-jar" -> apiJar = Path.of(value);
      case "--config" -> config = Path.of(value);
      case "--data-dir" -> dataDir = Path.of(value);
      case "--port" -> port = Flags.intIn(flag, value, 1024, 65_000);
      case "--api-java-opts" -> apiJavaOpts = value;
      default -> throw Flags.unknown(flag);
    }
  }

  /** The checks of these options together; a tool's own checks follow. */
  @Override
  public void validate() {
    if (attach()) {
      if (api.getScheme() == null || !api.getScheme().startsWith("http") || api.getHost() == null) {
        throw new IllegalArgumentException("--api must be an http URL, e.g. http://localhost:18080");
      }
      if (dataDir != null || keepData) {
        throw new IllegalArgumentException("--data-dir and --keep-data are for an API this tool starts, not --api");
      }
    } else if (apiPid != null || dbDir != null || dbUrl != null) {
      throw new IllegalArgumentException("--api-pid, --db-dir and --db-url go with --api (an API started by this "
          + "tool is known already)");
    }
    if (dbDir != null && dbUrl != null) {
      throw new IllegalArgumentException("give --db-dir or --db-url, not both");
    }
    if (dbUrl != null && !dbUrl.startsWith("postgres://") && !dbUrl.startsWith("postgresql://")) {
      throw new IllegalArgumentException("--db-url must look like postgres://user@127.0.0.1:5432/rigshare");
    }
  }
}
