package io.rigshare.marketplace.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A bug or an outage: log it under a fresh id and tell the client only that id, never SQL or stack text. */
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public Response toResponse(Throwable e) {
    byte[] id = new byte[6];
    RANDOM.nextBytes(id);
    String errorId = HexFormat.of().formatHex(id);
    LOG.error("unexpected error {}", errorId, e);
    return Response.status(500)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorResponse.of(ErrorCode.INTERNAL_ERROR, "internal error, id " + errorId))
        .build();
  }
}
