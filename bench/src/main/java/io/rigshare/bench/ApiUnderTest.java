package io.rigshare.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The API a run measures: one the tool started ({@link ApiLauncher}; stopped by {@link #close} and on Ctrl-C) or one
 * it attached to ({@code --api}), with its process id and database where known (null where not).
 */
final class ApiUnderTest implements AutoCloseable {
  final URI api;
  final URI admin;
  final Long pid;
  final Path pgDir;
  final Psql db;
  private final ApiLauncher launcher;
  private final Thread stopOnExit;

  private ApiUnderTest(URI api, URI admin, Long pid, Path pgDir, Psql db, ApiLauncher launcher) {
    this.api = api;
    this.admin = admin;
    this.pid = pid;
    this.pgDir = pgDir;
    this.db = db;
    this.launcher = launcher;
    this.stopOnExit = launcher == null ? null : new Thread(launcher::close, "bench-stop-api");
    if (stopOnExit != null) {
      Runtime.getRuntime().addShutdownHook(stopOnExit);
    }
  }

  /** Attaches to {@code --api}, or starts the API with {@code properties} (-D options), its output to {@code log}. */
  static ApiUnderTest open(ApiOptions o, Path log, List<String> properties) throws IOException, InterruptedException {
    if (o.attach()) {
      URI api = AgentLoad.loopback(o.api);
      URI admin = URI.create("http://" + api.getHost() + ":" + ((api.getPort() < 0 ? 80 : api.getPort()) + 1));
      Psql db = o.dbDir != null ? Psql.embedded(o.dbDir) : o.dbUrl != null ? Psql.url(o.dbUrl) : null;
      return new ApiUnderTest(api, admin, o.apiPid, o.dbDir, db, null);
    }
    ApiLauncher launcher = ApiLauncher.start(o, log, properties);
    try {
      return new ApiUnderTest(launcher.api, launcher.admin, launcher.pid(), launcher.dbDir(),
          Psql.embedded(launcher.dbDir()), launcher);
    } catch (IOException | RuntimeException e) {
      launcher.close();
      throw e;
    }
  }

  /** The API's entries in a run's description: where it is, and how it was started. */
  void describe(Map<String, Object> run, ApiOptions o) {
    run.put("api", api.toString());
    run.put("apiPid", pid);
    run.put("apiStartedByTool", launcher != null);
    if (launcher != null) {
      run.put("apiLog", launcher.log.toString());
      run.put("apiJar", o.apiJar.toString());
      run.put("config", o.config.toString());
      run.put("apiJavaOpts", o.apiJavaOpts);
      run.put("dataDir", launcher.dataDir.toString());
    }
  }

  /** The started API's log; null for an attached one. */
  Path log() {
    return launcher == null ? null : launcher.log;
  }

  @Override
  public void close() {
    if (launcher == null) {
      return;
    }
    launcher.close();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
