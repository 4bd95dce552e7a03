package io.rigshare.marketplace.resources;

import io.rigshare.marketplace.api.JobApi;
import io.rigshare.marketplace.jobs.JobService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

/** Public queue health: counts by state, the oldest queued job's age, and dispatch latency over the last 15 min. */
@Path("/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {
  static final Duration WINDOW = Duration.ofMinutes(15);
  private final JobService jobs;

  public QueueResource(JobService jobs) {
    this.jobs = jobs;
  }

  @GET
  @Path("stats")
  public JobApi.QueueStats stats() {
    return jobs.stats(WINDOW);
  }
}
