package io.rigshare.marketplace.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.stream.Collectors;

/** Request bodies that are not JSON, or JSON of the wrong shape, become 400s that say which field is wrong. */
public class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {
  @Override
  public Response toResponse(JsonProcessingException e) {
    ErrorResponse body;
    if (e instanceof UnrecognizedPropertyException unknown) {
      body = ErrorResponse.of(ErrorCode.VALIDATION_FAILED, "unknown field '" + unknown.getPropertyName() + "'");
    } else if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
      String field = path((JsonMappingException) e);
      String message =
          field.isEmpty()
              ? "request body has the wrong shape: expected a JSON object"
              : "field '" + field + "' has the wrong type";
      body = ErrorResponse.of(ErrorCode.VALIDATION_FAILED, message);
    } else if (e instanceof StreamReadException) {
      body = ErrorResponse.of(ErrorCode.MALFORMED_JSON, "request body is not valid JSON");
    } else {
      body = ErrorResponse.of(ErrorCode.VALIDATION_FAILED, "request body could not be read");
    }
    return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
