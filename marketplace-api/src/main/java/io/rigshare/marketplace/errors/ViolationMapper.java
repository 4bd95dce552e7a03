package io.rigshare.marketplace.errors;

import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/** Bean-validation failures on bodies and parameters: one 400 naming every failed field. */
public class ViolationMapper implements ExceptionMapper<JerseyViolationException> {
  @Override
  public Response toResponse(JerseyViolationException e) {
    String message =
        e.getConstraintViolations().stream()
            .map(v -> ConstraintMessage.getMessage(v, e.getInvocable()))
            .sorted()
            .collect(Collectors.joining("; "));
    return Response.status(400)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorResponse.of(ErrorCode.VALIDATION_FAILED, message))
        .build();
  }
}
