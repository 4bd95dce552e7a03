package io.rigshare.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The command line of {@link AgentLoad}. Parsing is strict: an unknown flag or a bad value stops the tool. */
final class LoadOptions {
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
    LoadOptions o = new LoadOptions();
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String flag = list.get(i);
      String value = null;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      }
      switch (flag) {
        case "--register" -> o.register = true;
        case "--register-only" -> o.registerOnly = true;
        case "--gc-at-end" -> o.gcAtEnd = true;
        case "--reconnect-test" -> o.reconnectTest = true;
        case "--help", "-h" -> throw new IllegalArgumentException("");
        default -> {
          if (value == null) {
            if (i + 1 >= list.size()) {
              throw new IllegalArgumentException(flag + " needs a value");
            }
            value = list.get(++i);
          }
          o.set(flag, value);
        }
      }
    }
    o.validate();
    return o;
  }

  private void set(String flag, String value) {
    switch (flag) {
      case "--api" -> api = URI.create(value);
      case "--admin" -> admin = URI.create(value);
      case "--agents" -> agents = intIn(flag, value, 1, 50_000);
      case "--heartbeat-seconds" -> heartbeatSeconds = intIn(flag, value, 1, 600);
      case "--duration" -> duration = duration(flag, value);
      case "--keys" -> keys = Path.of(value);
      case "--tokens-per-wallet" -> tokensPerWallet = intIn(flag, value, 1, 1000);
      case "--ramp-per-second" -> {
        double r = Double.parseDouble(value);
        if (!(r > 0 && r <= 100_000)) {
          throw new IllegalArgumentException(flag + " must be in (0, 100000]");
        }
        rampPerSecond = r;
      }
      case "--api-pid" -> apiPid = Long.parseLong(value);
      case "--db-dir" -> dbDir = Path.of(value);
      case "--metrics-every" -> metricsEvery = duration(flag, value);
      case "--out" -> out = Path.of(value);
      case "--api-cmd" -> apiCmd = value;
      case "--api-log" -> apiLog = Path.of(value);
      case "--reconnect-timeout" -> reconnectTimeout = duration(flag, value);
      case "--connect-timeout" -> connectTimeout = duration(flag, value);
      case "--clients" -> clients = intIn(flag, value, 1, 64);
      case "--threads" -> threads = intIn(flag, value, 1, 64);
      case "--seed" -> seed = Long.parseLong(value);
      default -> throw new IllegalArgumentException("unknown option " + flag);
    }
  }

  private void validate() {
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

  private static int intIn(String flag, String value, int min, int max) {
    int v;
    try {
      v = Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a whole number, got " + value);
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(flag + " must be in " + min + ".." + max + ", got " + v);
    }
    return v;
  }

  /** 90, 90s, 1500ms, 2m, 1h. */
  static Duration duration(String flag, String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
      }
      if (v.endsWith("m")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
      }
      if (v.endsWith("h")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 3_600_000));
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a duration like 120s or 2m, got " + value);
    }
  }
}
