package io.flk.api.web;

import io.flk.api.verification.BudgetHardCapReached;
import io.flk.api.verification.DecisionNotRecorded;
import io.flk.api.verification.RecorderOverloaded;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Arrays;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.flk.domain.shared.BusinessRuleViolation;
import io.flk.domain.shared.InvalidValue;
import java.net.URI;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error the API answers, as problem+json with a stable type and the field to blame. */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ProblemDetail onApiProblem(ApiProblem problem) {
        return ProblemResponses.problem(problem.status(), problem.code(), problem.getMessage(), problem.field());
    }

    @ExceptionHandler(InvalidValue.class)
    ProblemDetail onInvalidValue(InvalidValue invalid) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-field", invalid.getMessage(), invalid.field());
    }

    @ExceptionHandler(BusinessRuleViolation.class)
    ProblemDetail onRuleViolation(BusinessRuleViolation violation) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, violation.code(), violation.getMessage(), null);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail onAggregateNotFound(AggregateNotFoundException e) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "not-found", "No such resource", null);
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ProblemDetail onAlreadyExists(AggregateStreamCreationException e) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "already-exists", "A resource with this id already exists",
                null);
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ProblemDetail onStaleVersion(ConflictingAggregateVersionException e) {
        return ProblemResponses.problem(HttpStatus.PRECONDITION_FAILED, "stale-version",
                "The resource changed since the version in If-Match (now " + ETags.of(e.getActualVersion()) + ")",
                ETags.IF_MATCH);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail onRemoteCommandFailure(CommandExecutionException e) {
        Object details = e.getDetails().orElse(null);
        if (details instanceof BusinessRuleViolation violation) {
            return onRuleViolation(violation);
        }
        return unexpected(e);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail onAccessDenied(AccessDeniedException e) {
        return ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this request", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail onParameterType(MethodArgumentTypeMismatchException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "wrong-type",
                "Parameter '" + e.getName() + "' has the wrong type or value", e.getName());
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            EventStoreException.class})
    ProblemDetail onStoreUnavailable(Exception e) {
        log.error("Storage unavailable", e);
        return ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                "The event store is unavailable; nothing was recorded", null);
    }

    @ExceptionHandler(DecisionNotRecorded.class)
    ProblemDetail onDecisionNotRecorded(DecisionNotRecorded e) {
        log.error("Decision not recorded: {}", e.getMessage(), e.getCause());
        return ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
                "No decision can be given: " + e.getMessage() + ". Retry with the same taskId: it answers the "
                        + "recorded decision if there is one and records nothing twice", null);
    }

    @ExceptionHandler(RecorderOverloaded.class)
    ResponseEntity<ProblemDetail> onRecorderOverloaded(RecorderOverloaded e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                        "Nothing was recorded: " + e.getMessage() + "; retry with the same taskId", null));
    }

    @ExceptionHandler(BudgetHardCapReached.class)
    ResponseEntity<ProblemDetail> onBudgetHardCap(BudgetHardCapReached e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "3600")
                .body(ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS, "budget-hard-cap", e.getMessage(),
                        "tenantId"));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "An unexpected error occurred", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = unreadable(e);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private ProblemDetail unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLarge) {
                return ProblemResponses.problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", cause.getMessage(),
                        null);
            }
            if (cause instanceof InvalidValue invalid) {
                return onInvalidValue(invalid);
            }
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "unknown-field",
                    "Unknown field '" + unknown.getPropertyName() + "'", path(unknown));
        }
        if (e.getCause() instanceof InvalidFormatException invalid && !invalid.getPath().isEmpty()
                && invalid.getTargetType() != null && invalid.getTargetType().isEnum()) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-field", "Field '" + path(invalid)
                    + "' cannot be '" + invalid.getValue() + "'; accepted: " + accepted(invalid.getTargetType()),
                    path(invalid));
        }
        if (e.getCause() instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "wrong-type",
                    "Field '" + path(mismatched) + "' has the wrong type or is missing", path(mismatched));
        }
        if (e.getCause() instanceof MismatchedInputException) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "wrong-type", "The body must be a JSON object",
                    null);
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-field",
                    "Field '" + path(mapping) + "' is invalid", path(mapping));
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "malformed-json", "The body is not valid JSON", null);
        }
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "missing-body", "A JSON body is required", null);
    }

    /** The values an enum (or enum map key) accepts, as clients write them. */
    private static String accepted(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        FieldError first = e.getBindingResult().getFieldError();
        String field = first == null ? null : first.getField();
        String detail = first == null ? "The request is invalid" : "Field '" + field + "' " + first.getDefaultMessage();
        return ResponseEntity.badRequest().body(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-field", detail,
                field));
    }

    /** Spring's own errors (404, 405, 415 ...) get a stable type instead of about:blank. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus resolved = HttpStatus.resolve(status.value());
            String code = resolved == null ? "error" : resolved.name().toLowerCase().replace('_', '-');
            problem.setType(URI.create(ProblemResponses.TYPE_BASE + code));
        }
        return response;
    }
}
