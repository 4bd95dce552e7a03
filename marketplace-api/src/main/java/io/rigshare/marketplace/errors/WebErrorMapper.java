package io.rigshare.marketplace.errors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jersey's own refusals (unknown path, wrong method, wrong media type) in our error shape. */
public class WebErrorMapper implements ExceptionMapper<WebApplicationException> {
  private static final Logger LOG = LoggerFactory.getLogger(WebErrorMapper.class);

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    ErrorResponse body =
        switch (status) {
          case 400 -> ErrorResponse.of(ErrorCode.BAD_REQUEST, "bad request");
          case 401 -> ErrorResponse.of(ErrorCode.UNAUTHORIZED, "sign in first");
          case 403 -> ErrorResponse.of(ErrorCode.FORBIDDEN, "not allowed");
          case 404 -> ErrorResponse.of(ErrorCode.NOT_FOUND, "no such resource");
          case 405 -> ErrorResponse.of(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this resource");
          case 406 -> ErrorResponse.of(ErrorCode.NOT_ACCEPTABLE, "this resource answers application/json");
          case 413 -> ErrorResponse.of(ErrorCode.PAYLOAD_TOO_LARGE, "request body too large");
          case 415 -> ErrorResponse.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
          default -> null;
        };
    if (body == null) {
      if (status >= 500) {
        LOG.error("request failed with {}", status, e);
        body = ErrorResponse.of(ErrorCode.INTERNAL_ERROR, "internal error");
      } else {
        body = ErrorResponse.of(ErrorCode.BAD_REQUEST, "request refused (" + status + ")");
      }
    }
    Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    e.getResponse().getHeaders().forEach((name, values) -> {
      if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase("WWW-Authenticate")) {
        values.forEach(v -> response.header(name, v));
      }
    });
    return response.build();
  }
}
