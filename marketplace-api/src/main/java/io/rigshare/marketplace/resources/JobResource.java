package io.rigshare.marketplace.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.auth.Auth;
import io.rigshare.marketplace.api.JobApi;
import io.rigshare.marketplace.auth.WalletPrincipal;
import io.rigshare.marketplace.db.JobDao.Job;
import io.rigshare.marketplace.errors.ApiException;
import io.rigshare.marketplace.errors.ErrorCode;
import io.rigshare.marketplace.jobs.JobService;
import io.rigshare.marketplace.jobs.JobSpec;
import io.rigshare.marketplace.jobs.LogFollowers;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import org.glassfish.jersey.server.ChunkedOutput;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Buyers' jobs: submit (idempotent with {@code Idempotency-Key}), read, list, cancel, and logs (a page, or a live
 * Server-Sent Events stream with {@code follow=true}). The buyer, or the owner of a node that ran the job, may read
 * it; only the buyer may cancel. Anyone else gets NOT_FOUND.
 */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
  static final String EVENT_STREAM = "text/event-stream";
  private static final int PAGE = 500;
  private static final long KEEPALIVE_SECONDS = 15;

  private final JobService jobs;
  private final LogFollowers followers;
  private final ObjectMapper json;
  // One thread per open stream, at most maxFollowers of them (LogFollowers counts): the request threads go free.
  private final ExecutorService streams = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "job-log-stream");
    thread.setDaemon(true);
    return thread;
  });

  public JobResource(JobService jobs, LogFollowers followers, ObjectMapper json) {
    this.jobs = jobs;
    this.followers = followers;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response submit(
      @Auth WalletPrincipal principal,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      JobApi.SubmitRequest body,
      @Context UriInfo uri) {
    JobSpec spec = JobSpec.validate(
        body, jobs.config().getMaxTimeLimit(), jobs.requestTime(principal.address(), idempotencyKey));
    JobService.Submitted submitted = jobs.submit(principal.address(), idempotencyKey, spec);
    JobApi.View view = JobService.buyerView(submitted.job());
    Response.ResponseBuilder response = submitted.created()
        ? Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build())
        : Response.ok().header("Idempotent-Replayed", "true");
    return response.entity(view).build();
  }

  @GET
  @Path("mine")
  public JobApi.Page mine(
      @Auth WalletPrincipal principal,
      @QueryParam("state") String state,
      @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    return jobs.listMine(principal.address(), state == null || state.isBlank() ? null : state, page, size);
  }

  @GET
  @Path("{id}")
  public JobApi.Detail get(@Auth WalletPrincipal principal, @PathParam("id") String id) {
    return jobs.detail(principal.address(), id);
  }

  @POST
  @Path("{id}/cancel")
  public JobApi.View cancel(@Auth WalletPrincipal principal, @PathParam("id") String id) {
    return jobs.cancel(principal.address(), id);
  }

  /**
   * The job's output. Without {@code follow}: a JSON page of chunks after the cursor {@code after}. With {@code
   * follow=true}: {@code text/event-stream}, one {@code log} event per chunk (its id is the cursor, so a reconnect
   * with {@code Last-Event-ID} resumes) and a final {@code end} event once the job has ended and all is sent.
   */
  @GET
  @Path("{id}/logs")
  @Produces({MediaType.APPLICATION_JSON, EVENT_STREAM})
  public Response logs(
      @Auth WalletPrincipal principal,
      @PathParam("id") String id,
      @QueryParam("after") String after,
      @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(5000) int limit,
      @QueryParam("follow") @DefaultValue("false") boolean follow,
      @HeaderParam("Last-Event-ID") String lastEventId) {
    Job job = jobs.visible(principal.address(), id);
    if (!follow) {
      return Response.ok(jobs.logs(job, after, limit), MediaType.APPLICATION_JSON_TYPE).build();
    }
    if (!followers.tryEnter()) {
      throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
          "too many log streams on this server; retry shortly or read pages without follow");
    }
    String start = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
    ChunkedOutput<String> stream = new ChunkedOutput<>(String.class);
    try {
      jobs.logs(job, start, 1); // validates the cursor before the stream begins
      streams.execute(() -> {
        try (stream) {
          follow(job, start, stream);
        } catch (IOException | RuntimeException e) {
          // the client went away, or the database did: the client reconnects with Last-Event-ID
        } finally {
          followers.leave();
        }
      });
    } catch (RuntimeException e) {
      followers.leave();
      throw e;
    }
    return Response.ok(stream, EVENT_STREAM)
        .header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no")
        .build();
  }

  private void follow(Job job, String after, ChunkedOutput<String> out) throws IOException {
    String cursor = after;
    write(out, ": streaming the logs of job " + job.id() + "\n\n");
    while (true) {
      var change = followers.nextChange(job.id());
      JobApi.Logs page = jobs.logs(job, cursor, PAGE);
      for (JobApi.LogChunk chunk : page.chunks()) {
        write(out, "id: " + chunk.attempt() + "." + chunk.seq() + "\nevent: log\ndata: "
            + json.writeValueAsString(chunk) + "\n\n");
      }
      cursor = page.next();
      if (page.complete()) {
        change.cancel(false);
        write(out, "event: end\ndata: " + json.writeValueAsString(new End(page.state(), page.truncated())) + "\n\n");
        return;
      }
      if (page.chunks().size() == PAGE) {
        change.cancel(false);
        continue;
      }
      try {
        change.get(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        change.cancel(false);
        write(out, ": keep-alive\n\n");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        // cancelled: read on
      }
    }
  }

  /** The {@code end} event's data: the job's final state and whether its stored logs were cut at the cap. */
  record End(String state, boolean truncated) {}

  private static void write(ChunkedOutput<String> out, String text) throws IOException {
    if (out.isClosed()) {
      throw new IOException("the client closed the stream");
    }
    out.write(text);
  }
}
