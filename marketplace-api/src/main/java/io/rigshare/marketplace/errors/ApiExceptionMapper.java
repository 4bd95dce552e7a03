package io.rigshare.marketplace.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public class ApiExceptionMapper implements ExceptionMapper<ApiException> {
  @Override
  public Response toResponse(ApiException e) {
    Response.ResponseBuilder response =
        Response.status(e.code().status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(ErrorResponse.of(e.code(), e.getMessage()));
    if (e.retryAfter() != null) {
      long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
      response.header("Retry-After", seconds);
    }
    return response.build();
  }
}
