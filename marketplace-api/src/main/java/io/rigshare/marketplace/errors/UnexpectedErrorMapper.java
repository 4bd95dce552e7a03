package io.rigshare.marketplace.errors;

import io.rigshare.marketplace.db.OperatorDao;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bug or an outage: log it under a fresh id and tell the client only that id, never SQL or stack text. The id,
 * the request line and the exception's type are also recorded for the operator page (best effort: a database that
 * is down must not hide the original error).
 */
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Jdbi jdbi;
  private final Clock clock;
  @Context private HttpServletRequest request;

  public UnexpectedErrorMapper(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  @Override
  public Response toResponse(Throwable e) {
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    String errorId = HexFormat.of().formatHex(id);
    LOG.error("unexpected error {}", errorId, e);
    record(errorId, e);
    return Response.status(500)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorResponse.of(ErrorCode.INTERNAL_ERROR, "internal error, id " + errorId))
        .build();
  }

  private void record(String errorId, Throwable e) {
    try {
      String method = request == null ? "?" : request.getMethod();
      String path = request == null ? "?" : request.getRequestURI();
      jdbi.useExtension(OperatorDao.class,
          dao -> dao.recordError(clock.instant(), errorId, method, path, e.getClass().getSimpleName()));
    } catch (RuntimeException failed) {
      LOG.warn("could not record error {} for the operator page", errorId, failed);
    }
  }
}
