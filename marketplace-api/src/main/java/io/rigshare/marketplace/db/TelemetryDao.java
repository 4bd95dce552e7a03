package io.rigshare.marketplace.db;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(TelemetryDao.Sample.class)
public interface TelemetryDao {
  /** One reading: a GPU's ({@code gpuIndex >= 0}) or the host's ({@code gpuIndex = -1}). */
  record Sample(
      Instant at,
      int gpuIndex,
      Double utilization,
      Double temperature,
      Long memoryUsedMib,
      Long memoryTotalMib,
      Double powerW,
      Double cpuLoad,
      Long memoryUsed) {}

  /** Inserts many samples in one statement (arrays unnested server-side); duplicates of a retried batch are skipped. */
  @SqlUpdate(
      """
      INSERT INTO node_telemetry
        (node_id, at, gpu_index, utilization, temperature, memory_used_mib, memory_total_mib, power_w, cpu_load, memory_used)
      SELECT n, to_timestamp(a / 1000.0), g, u, t, mu, mt, p, c, hm
      FROM unnest(:nodes::uuid[], :atMillis::bigint[], :gpus::int[], :utils::real[], :temps::real[],
                  :memUsed::bigint[], :memTotal::bigint[], :power::real[], :cpu::real[], :hostMem::bigint[])
           AS x(n, a, g, u, t, mu, mt, p, c, hm)
      ON CONFLICT DO NOTHING
      """)
  int insertBatch(
      @Bind("nodes") UUID[] nodes,
      @Bind("atMillis") Long[] atEpochMillis,
      @Bind("gpus") Integer[] gpus,
      @Bind("utils") Float[] utilization,
      @Bind("temps") Float[] temperature,
      @Bind("memUsed") Long[] memoryUsedMib,
      @Bind("memTotal") Long[] memoryTotalMib,
      @Bind("power") Float[] powerW,
      @Bind("cpu") Float[] cpuLoad,
      @Bind("hostMem") Long[] memoryUsed);

  @SqlQuery(
      """
      SELECT at, gpu_index, utilization, temperature, memory_used_mib, memory_total_mib, power_w, cpu_load, memory_used
      FROM node_telemetry WHERE node_id = :id AND at >= :from AND at < :to
      ORDER BY at, gpu_index
      LIMIT :limit
      """)
  List<Sample> raw(@Bind("id") UUID id, @Bind("from") Instant from, @Bind("to") Instant to, @Bind("limit") int limit);

  /** Averages per bucket of {@code bucketSeconds}, for ranges too long to return raw. */
  @SqlQuery(
      """
      SELECT date_bin(make_interval(secs => :bucket), at, :from) AS at, gpu_index,
             avg(utilization) AS utilization, avg(temperature) AS temperature,
             round(avg(memory_used_mib))::bigint AS memory_used_mib, max(memory_total_mib) AS memory_total_mib,
             avg(power_w) AS power_w, avg(cpu_load) AS cpu_load, round(avg(memory_used))::bigint AS memory_used
      FROM node_telemetry WHERE node_id = :id AND at >= :from AND at < :to
      GROUP BY 1, 2 ORDER BY 1, 2
      """)
  List<Sample> downsampled(
      @Bind("id") UUID id, @Bind("from") Instant from, @Bind("to") Instant to, @Bind("bucket") long bucketSeconds);

  @SqlUpdate("DELETE FROM node_telemetry WHERE at < :before")
  int deleteBefore(@Bind("before") Instant before);
}
