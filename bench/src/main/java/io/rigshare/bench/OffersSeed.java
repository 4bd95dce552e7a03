package io.rigshare.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the offers benchmark's fleet straight into the API's database, one {@code INSERT ... SELECT
 * generate_series} per table, in one transaction: node tokens (the nodes' foreign key), nodes with seeded-random
 * offers, and jobs (some running on listed nodes, the rest finished history). Then VACUUM ANALYZE, as autovacuum
 * would leave tables at rest: statistics for the planner, the visibility map and hint bits set.
 *
 * <p>Every row is marked: node keys and wallets start with {@code bench-offers-}, jobs belong to buyer {@code
 * bench-offers-buyer}. Ids are md5 of the row number, so a seed writes the same rows every time.
 */
final class OffersSeed {
  /** GPU models: name, VRAM MiB, mean per-GPU score (docs/protocol.md section 10 formula), share of the fleet. */
  static final String MODELS =
      """
      (VALUES ('NVIDIA GeForce RTX 4090', 24564, 3800, 0.00, 0.24),
              ('NVIDIA GeForce RTX 3090', 24576, 2000, 0.24, 0.42),
              ('NVIDIA A100-SXM4-80GB', 81920, 1750, 0.42, 0.52),
              ('NVIDIA A100-PCIE-40GB', 40960, 1700, 0.52, 0.57),
              ('NVIDIA H100 80GB HBM3', 81559, 4300, 0.57, 0.65),
              ('NVIDIA L40S', 46068, 4400, 0.65, 0.70),
              ('NVIDIA L4', 23034, 1450, 0.70, 0.78),
              ('NVIDIA RTX A6000', 49140, 2300, 0.78, 0.85),
              ('NVIDIA GeForce RTX 3080', 10240, 1600, 0.85, 0.93),
              ('AMD Radeon RX 7900 XTX', 24560, 3000, 0.93, 1.01)) AS m(name, vram, score, lo, hi)
      """;

  private final Psql db;

  OffersSeed(Psql db) {
    this.db = db;
  }

  /** Bench nodes already in the database (0 on a fresh one). */
  long existing() throws IOException, InterruptedException {
    Double n = db.number("SELECT count(*) FROM nodes WHERE node_key LIKE 'bench-offers-%'");
    return n == null ? 0 : n.longValue();
  }

  /** Seeds and vacuums; returns what was written and how long it took. */
  Map<String, Object> seed(int nodes, int busyPercent, int historyJobs, long seed)
      throws IOException, InterruptedException {
    Map<String, Object> r = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    db.query(String.format(Locale.ROOT, "BEGIN; SELECT setseed(%s); %s; %s; %s; %s; %s; COMMIT;",
        setseed(seed), tokens(nodes), nodes(nodes), transitions(), activeJobs(busyPercent),
        historyJobs(nodes, historyJobs)));
    long t1 = System.nanoTime();
    db.query("VACUUM (ANALYZE) node_tokens");
    db.query("VACUUM (ANALYZE) nodes");
    db.query("VACUUM (ANALYZE) jobs");
    long t2 = System.nanoTime();
    r.put("insertSeconds", AgentLoad.round((t1 - t0) / 1e9, 1));
    r.put("vacuumAnalyzeSeconds", AgentLoad.round((t2 - t1) / 1e9, 1));
    return r;
  }

  /** What is in the database now: counts, the listed share, table and index sizes. */
  Map<String, Object> describe() throws IOException, InterruptedException {
    Map<String, Object> r = new LinkedHashMap<>();
    String[] c = db.query(
        """
        SELECT count(*), count(*) FILTER (WHERE listed),
               (SELECT count(*) FROM jobs WHERE state IN ('assigned', 'running')),
               (SELECT count(*) FROM jobs),
               (SELECT count(DISTINCT node_id) FROM jobs WHERE state IN ('assigned', 'running')),
               (SELECT count(*) FROM nodes n WHERE listed AND gpu_count <= (SELECT sum(cardinality(gpu_indices))
                  FROM jobs j WHERE j.node_id = n.id AND j.state IN ('assigned', 'running'))),
               count(DISTINCT gpu_model) FILTER (WHERE listed),
               pg_size_pretty(pg_table_size('nodes')), pg_size_pretty(pg_indexes_size('nodes')),
               pg_size_pretty(pg_table_size('jobs')), current_setting('shared_buffers'), version()
        FROM nodes
        """).get(0);
    r.put("nodes", Long.parseLong(c[0]));
    r.put("listed", Long.parseLong(c[1]));
    r.put("listedPct", AgentLoad.round(100.0 * Long.parseLong(c[1]) / Math.max(1, Long.parseLong(c[0])), 1));
    r.put("activeJobs", Long.parseLong(c[2]));
    r.put("jobs", Long.parseLong(c[3]));
    r.put("busyNodes", Long.parseLong(c[4]));
    r.put("listedButFullyBusy", Long.parseLong(c[5]));
    r.put("listedModels", Long.parseLong(c[6]));
    r.put("nodesTableSize", c[7]);
    r.put("nodesIndexesSize", c[8]);
    r.put("jobsTableSize", c[9]);
    r.put("sharedBuffers", c[10]);
    r.put("postgres", c[11]);
    Map<String, Object> indexes = new LinkedHashMap<>();
    for (String[] row : db.query("SELECT indexrelname, pg_size_pretty(pg_relation_size(indexrelid)) "
        + "FROM pg_stat_user_indexes WHERE relname = 'nodes' ORDER BY indexrelname")) {
      indexes.put(row[0], row[1]);
    }
    r.put("nodeIndexes", indexes);
    return r;
  }

  private static String setseed(long seed) {
    return String.format(Locale.ROOT, "%.9f", (seed % 1_000_000_007L) / 1_000_000_007.0);
  }

  private static String tokens(int n) {
    return """
        INSERT INTO node_tokens (id, wallet, token_hash, created_at, expires_at, used_at)
        SELECT md5('bench-offers-token:' || i)::uuid, 'bench-offers-' || (i %% 500),
               sha256(convert_to('bench-offers-token:' || i, 'UTF8')), now() - interval '90 days',
               now() - interval '90 days' + interval '15 minutes', now() - interval '90 days' + interval '1 minute'
        FROM generate_series(1, %d) i
        """.formatted(n);
  }

  /**
   * Nodes: about 92% online, 2% in maintenance, 95% verified (3% pending, 2% unverified), 0.5% deleted, so about
   * 85% listed. 1 to 8 GPUs (1, 2, 4 and 8 most often) of one of ten models; the score varies +-10% around the
   * model's; 10% of owners give jobs only part of the VRAM; 35% set their own price (150 to 1,000 base units per
   * score unit), the others follow the benchmark (400, the default unit rate). Reliability skews high, 2% not yet
   * computed; 10% declared no region. Hardware and benchmark reports of realistic size, so rows are as wide as real
   * ones (they are TOASTed for the larger nodes, as real ones would be).
   */
  private static String nodes(int n) {
    return """
        INSERT INTO nodes (id, wallet, node_key, token_id, name, status, maintenance, deleted_at, verification,
                           verification_reason, verified_at, gpu_model, gpu_count, vram_mib, benchmark_score,
                           benchmark, benchmark_at, price_per_gpu_hour, price_by_owner, reliability, region, runners,
                           hardware, agent_version, created_at, updated_at)
        SELECT md5('bench-offers-node:' || r.i)::uuid, 'bench-offers-' || (r.i %% 500), 'bench-offers-' || r.i,
               md5('bench-offers-token:' || r.i)::uuid, 'rig-' || r.i,
               CASE WHEN r.st < 0.92 THEN 'online' WHEN r.st < 0.995 THEN 'offline' ELSE 'installing' END,
               r.mt < 0.02, CASE WHEN r.del < 0.005 THEN now() - interval '1 day' END,
               CASE WHEN r.ve < 0.95 THEN 'verified' WHEN r.ve < 0.98 THEN 'pending' ELSE 'unverified' END,
               CASE WHEN r.ve >= 0.98 THEN 'a failed row check' END,
               CASE WHEN r.ve < 0.95 THEN now() - r.age * interval '30 days' END,
               m.name, r.gpus, (m.vram * CASE WHEN r.lim < 0.1 THEN 0.5 + r.lim * 4 ELSE 1 END)::bigint,
               s.score, b.report, now() - r.age * interval '30 days',
               CASE WHEN r.own < 0.35 THEN s.score * (150 + floor(r.rate * 851)::int) ELSE s.score * 400 END,
               r.own < 0.35,
               CASE WHEN r.rel < 0.02 THEN NULL ELSE 10000 - floor(6000 * power(r.rel2, 4))::int END,
               CASE WHEN r.reg < 0.1 THEN NULL ELSE (ARRAY['eu-west', 'eu-central', 'us-east', 'us-west',
                 'ap-southeast', 'ap-northeast', 'sa-east'])[1 + floor(r.reg2 * 7)::int] END,
               '{process,container}', h.report, '0.1.0', now() - interval '90 days' + r.age * interval '60 days',
               now() - r.age * interval '1 day'
        FROM (SELECT i, random() AS st, random() AS mt, random() AS del, random() AS ve, random() AS model,
                     random() AS lim, random() AS own, random() AS rate, random() AS rel, random() AS rel2,
                     random() AS reg, random() AS reg2, random() AS age, random() AS noise, random() AS sp1,
                     random() AS sp2,
                     (ARRAY[1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 5, 6, 7, 8, 8, 8])
                       [1 + floor(random() * 23)::int] AS gpus
              FROM generate_series(1, %d) i OFFSET 0) r
        JOIN %s ON r.model >= m.lo AND r.model < m.hi
        CROSS JOIN LATERAL (SELECT greatest(1, round(m.score * (0.9 + 0.2 * r.noise)))::bigint AS score) s
        CROSS JOIN LATERAL (SELECT jsonb_build_object('hostname', 'rig-' || r.i, 'os', 'Ubuntu 22.04.4 LTS',
            'kernel', '6.5.0-35-generic', 'cpuModel', 'AMD Ryzen 9 7950X 16-Core Processor', 'cpuCores', 32,
            'memoryBytes', 137438953472, 'diskBytes', 2000398934016,
            'gpus', jsonb_agg(jsonb_build_object('index', g, 'vendor', 'NVIDIA', 'name', m.name,
              'uuid', 'GPU-' || md5(r.i || ':' || g), 'memoryTotalMib', m.vram, 'driverVersion', '550.54.14',
              'cudaVersion', '12.4', 'pciBusId', '0000:0' || g || ':00.0'))) AS report
            FROM generate_series(0, r.gpus - 1) g) h
        CROSS JOIN LATERAL (SELECT jsonb_build_object('score', s.score * r.gpus, 'formulaVersion', 1,
            'trigger', 'registration', 'durationMs', 41250,
            'results', jsonb_agg(jsonb_build_object('device', m.name, 'vendor', 'NVIDIA Corporation',
              'platform', 'NVIDIA CUDA', 'driverVersion', '550.54.14', 'kind', 'GPU', 'gpuIndex', g,
              'gpuUuid', 'GPU-' || md5(r.i || ':' || g), 'computeUnits', 128, 'clockMhz', 2520,
              'globalMemBytes', m.vram * 1048576::bigint, 'sgemmN', 8192,
              'sgemmGflops', jsonb_build_object('median', s.score * 10, 'min', s.score * 9.9, 'max', s.score * 10.1,
                'spreadPercent', round((r.noise * 3)::numeric, 2), 'runs', 7, 'stable', true),
              'sgemmVerified', true,
              'deviceBandwidthGBps', jsonb_build_object('median', 910.0, 'min', 905.0, 'max', 915.0,
                'spreadPercent', round((r.sp1 * 2)::numeric, 2), 'runs', 5, 'stable', true),
              'hostToDeviceGBps', jsonb_build_object('median', 24.1, 'min', 23.9, 'max', 24.3,
                'spreadPercent', round((r.sp2 * 2)::numeric, 2), 'runs', 5, 'stable', true),
              'allocatableVramBytes', m.vram * 1000000::bigint, 'score', s.score))) AS report
            FROM generate_series(0, r.gpus - 1) g) b
        """.formatted(n, MODELS);
  }

  /**
   * Each node's state history, from which the API's reliability job computes uptime: online since its creation; 40%
   * went offline once in the last 30 days for up to 72 hours; those offline now went offline up to 12 hours ago.
   */
  private static String transitions() {
    return """
        INSERT INTO node_transitions (node_id, at, from_state, to_state, reason)
        SELECT n.id, x.at, x.f, x.t, x.reason
        FROM (SELECT id, created_at, status, random() AS gap, random() AS at, random() AS len, random() AS down
              FROM nodes WHERE node_key LIKE 'bench-offers-%%' OFFSET 0) n
        CROSS JOIN LATERAL (VALUES
            (n.created_at, 'installing', 'online', 'agent connected', true),
            (now() - n.at * interval '30 days', 'online', 'offline', 'no heartbeat for 45 s', n.gap < 0.4),
            (now() - n.at * interval '30 days' + n.len * interval '72 hours', 'offline', 'online', 'agent connected',
             n.gap < 0.4 AND n.at * interval '30 days' > n.len * interval '72 hours' + interval '12 hours'),
            (now() - n.down * interval '12 hours', 'online', 'offline', 'agent closed the connection',
             n.status = 'offline')) AS x(at, f, t, reason, keep)
        WHERE x.keep
        """;
  }

  /**
   * A running job on busyPercent% of the listed nodes, on 1 to all of their GPUs (a node fully busy is not offered).
   * Their leases run for a day: no agent renews them here, and the API would requeue a lapsed job and try to match it
   * again, which is load of its own.
   */
  private static String activeJobs(int busyPercent) {
    return """
        INSERT INTO jobs (id, buyer, request_sha256, runtime, runtime_type, gpu_count, min_vram_mib, gpu_models,
                          min_score, max_price_per_hour, time_limit_seconds, state, attempt, node_id, gpu_indices,
                          price_per_hour, lease_expires_at, available_at, created_at, queued_at, assigned_at,
                          started_at, updated_at)
        SELECT md5('bench-offers-job:' || n.id)::uuid, 'bench-offers-buyer', md5(n.id::text),
               '{"type": "process", "command": "python3 train.py --epochs 3"}', 'process', n.k, 0, '{}', 0,
               n.price_per_gpu_hour * n.k, 86400, 'running', 1, n.id, ARRAY(SELECT generate_series(0, n.k - 1)),
               n.price_per_gpu_hour * n.k, now() + interval '1 day', now() - interval '1 hour',
               now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour',
               now() - interval '59 minutes', now()
        FROM (SELECT id, price_per_gpu_hour, 1 + floor(random() * gpu_count)::int AS k, random() AS pick
              FROM nodes WHERE listed AND node_key LIKE 'bench-offers-%%' OFFSET 0) n
        WHERE n.pick < %s
        """.formatted(String.format(Locale.ROOT, "%.4f", busyPercent / 100.0));
  }

  /** Finished jobs spread over the nodes: the table's history, which the offers query must not read. */
  private static String historyJobs(int nodes, int count) {
    return """
        INSERT INTO jobs (id, buyer, request_sha256, runtime, runtime_type, gpu_count, min_vram_mib, gpu_models,
                          min_score, max_price_per_hour, time_limit_seconds, state, attempt, node_id, gpu_indices,
                          price_per_hour, available_at, created_at, queued_at, assigned_at, started_at,
                          finished_at, exit_code, output_bytes, updated_at)
        SELECT md5('bench-offers-history:' || i)::uuid, 'bench-offers-buyer', md5(i::text),
               '{"type": "process", "command": "python3 train.py --epochs 3"}', 'process', 1, 0, '{}', 0,
               10000000, 3600, 'succeeded', 1, md5('bench-offers-node:' || (1 + (i * 7919) %% %d))::uuid, '{0}',
               1000000, t, t, t, t, t + interval '2 seconds', t + interval '20 minutes', 0, 1024, t
        FROM (SELECT i, now() - interval '30 days' * random() AS t FROM generate_series(1, %d) i OFFSET 0) h
        """.formatted(nodes, count);
  }
}
