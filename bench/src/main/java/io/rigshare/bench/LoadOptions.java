package io.rigshare.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The command line of {@link AgentLoad}. Parsing is strict: an unknown flag or a bad value stops the tool. */
final class LoadOptions implements Flags.Target {
  static final String USAGE =
      """
      usage: AgentLoad --api http://localhost:18080 --agents N --keys FILE [options]

        --api URL                 the API's public URL (loopback only)                       [http://localhost:18080]
        --admin URL               the API's admin port                                  [API host, API port + 1]
        --agents N                agents to connect (1..50000)                                           [100]
        --heartbeat-seconds S     heartbeat interval the agents use                 [the server's, usually 15]
        --duration D              how long to hold all agents after they connected, e.g. 120s, 2m        [120s]
        --keys FILE               node keys: reused if present, registered and appended when too few [required]
        --register                register N fresh nodes and overwrite FILE instead of reusing it
        --register-only           stop after making sure FILE holds N registered keys (no load run)
        --tokens-per-wallet K     registration tokens minted per signed-in wallet                        [500]
        --ramp-per-second R       new connections started per second          [agents / heartbeat interval]
        --api-pid PID             the API's process id: its CPU is read from /proc/PID/stat, heap via jcmd
        --db-dir DIR              the embedded PostgreSQL data dir (DATA_DIR/pg): its CPU is read too
        --metrics-every D         how often to read the admin /metrics during the run                     [5s]
        --gc-at-end               run jcmd PID GC.run after the measurement and report the live heap
        --out FILE                JSON result                             [bench/target/agent-load-<time>.json]
        --reconnect-test          after connecting, restart the API and time until all N are back
        --api-cmd CMD             with --reconnect-test: kill -TERM --api-pid and run CMD (bash -c) again
        --api-log FILE            where the restarted API's output goes        [bench/target/api-restart.log]
        --reconnect-timeout D     give up waiting for the reconnect after this long                      [240s]
        --connect-timeout D       how long the initial ramp may take before measuring anyway             [300s]
        --clients C               java.net.http.HttpClient instances (each one selector thread)             [4]
        --threads T               callback threads shared by all agents                                    [2]
        --seed X                  random seed for telemetry and jitter                                     [1]
      """;

  URI api = URI.create("http://localhost:18080");
  URI admin;
  int agents = 100;
  Integer heartbeatSeconds;
  Duration duration = Duration.ofSeconds(120);
  Path keys;
  boolean register;
  boolean registerOnly;
  int tokensPerWallet = 500;
  Double rampPerSecond;
  Long apiPid;
  Path dbDir;
  Duration metricsEvery = Duration.ofSeconds(5);
  boolean gcAtEnd;
  Path out;
  boolean reconnectTest;
  String apiCmd;
  Path apiLog;
  Duration reconnectTimeout = Duration.ofSeconds(240);
  Duration connectTimeout = Duration.ofSeconds(300);
  int clients = 4;
  int threads = 2;
  long seed = 1;

  static LoadOptions parse(String... args) {
    return Flags.parse(args, new LoadOptions());
  }

  @Override
  public boolean turnOn(String flag) {
    switch (flag) {
      case "--register" -> register = true;
      case "--register-only" -> registerOnly = true;
      case "--gc-at-end" -> gcAtEnd = true;
      case "--reconnect-test" -> reconnectTest = true;
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  public void set(String flag, String value) {
    switch (flag) {
      case "--api" -> api = URI.create(value);
      case "--admin" -> admin = URI.create(value);
      case "--agents" -> agents = Flags.intIn(flag, value, 1, 50_000);
      case "--heartbeat-seconds" -> heartbeatSeconds = Flags.intIn(flag, value, 1, 600);
      case "--duration" -> duration = Flags.duration(flag, value);
      case "--keys" -> keys = Path.of(value);
      case "--tokens-per-wallet" -> tokensPerWallet = Flags.intIn(flag, value, 1, 1000);
      case "--ramp-per-second" -> {
        double r = Double.parseDouble(value);
        if (!(r > 0 && r <= 100_000)) {
          throw new IllegalArgumentException(flag + " must be in (0, 100000]");
        }
        rampPerSecond = r;
      }
      case "--api-pid" -> apiPid = Long.parseLong(value);
      case "--db-dir" -> dbDir = Path.of(value);
      case "--metrics-every" -> metricsEvery = Flags.duration(flag, value);
      case "--out" -> out = Path.of(value);
      case "--api-cmd" -> apiCmd = value;
      case "--api-log" -> apiLog = Path.of(value);
      case "--reconnect-timeout" -> reconnectTimeout = Flags.duration(flag, value);
      case "--connect-timeout" -> connectTimeout = Flags.duration(flag, value);
      case "--clients" -> clients = Flags.intIn(flag, value, 1, 64);
      case "--threads" -> threads = Flags.intIn(flag, value, 1, 64);
      case "--seed" -> seed = Long.parseLong(value);
      default -> throw Flags.unknown(flag);
    }
  }

  @Override
  public void validate() {
    if (keys == null) {
      throw new IllegalArgumentException("--keys FILE is required (node keys are saved there for later runs)");
    }
    if (api.getScheme() == null || !api.getScheme().startsWith("http") || api.getPort() < 0 && api.getHost() == null) {
      throw new IllegalArgumentException("--api must be an http URL, e.g. http://localhost:18080");
    }
    if (admin == null) {
      int port = api.getPort() < 0 ? 80 : api.getPort();
      admin = URI.create("http://" + api.getHost() + ":" + (port + 1));
    }
    if (apiCmd != null && !reconnectTest) {
      throw new IllegalArgumentException("--api-cmd only makes sense with --reconnect-test");
    }
    if (apiCmd != null && apiPid == null) {
      throw new IllegalArgumentException("--api-cmd needs --api-pid (the process to stop before starting CMD)");
    }
    if (metricsEvery.toMillis() < 1000) {
      throw new IllegalArgumentException("--metrics-every must be at least 1s");
    }
    if (duration.isZero() || duration.toHours() > 1) {
      throw new IllegalArgumentException("--duration must be between 1s and 1h");
    }
  }
}
