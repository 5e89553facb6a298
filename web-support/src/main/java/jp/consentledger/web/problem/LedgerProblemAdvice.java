package jp.consentledger.web.problem;

import com.fasterxml.jackson.core.JsonParseException;
import jp.consentledger.kernel.time.LedgerTime.InstantOutOfRange;
import jp.consentledger.web.outage.StoreOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The problem mappings both sides share: malformed input is 400 with the field at fault, Spring's
 * own errors get a {@code code}, and anything unexpected is a 500 logged without its messages.
 * Each side's {@code @RestControllerAdvice} extends it with its own exceptions.
 */
public abstract class LedgerProblemAdvice extends ResponseEntityExceptionHandler {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String unexpectedDetail;

    /** {@code unexpectedDetail}: what a 500 tells the caller, which differs for commands and reads. */
    protected LedgerProblemAdvice(String unexpectedDetail) {
        this.unexpectedDetail = unexpectedDetail;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    protected ProblemDetail invalid(IllegalArgumentException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Invalid request", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    protected ProblemDetail badPathOrParameter(MethodArgumentTypeMismatchException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "Invalid request",
                "'" + e.getName() + "' is invalid: " + e.getMostSpecificCause().getMessage());
    }

    @ExceptionHandler(InstantOutOfRange.class)
    protected ProblemDetail outOfRange(InstantOutOfRange e) {
        return instantOutOfRange(e);
    }

    /**
     * Spring Security's firewall checks parameters when they are first read: since form bodies are parameters
     * too (RequestBodyLimitFilter), a form field with control characters is refused here, as bad input.
     */
    @ExceptionHandler(RequestRejectedException.class)
    protected ProblemDetail rejected(RequestRejectedException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request",
                "The request holds characters no field may contain.");
    }

    @ExceptionHandler(Exception.class)
    protected ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (StoreOutage.isCause(e)) {
            log.warn("The database could not be reached: {}", RedactedFailure.of(e).getMessage());
            return storeUnavailable();
        }
        log.error("Unexpected failure while handling a request", RedactedFailure.of(e));
        return ResponseEntity.internalServerError().body(
                ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error", unexpectedDetail));
    }

    /** 503 with Retry-After: the database is away for now (see {@link StoreOutage}). */
    public static ResponseEntity<ProblemDetail> storeUnavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, StoreOutage.RETRY_AFTER_SECONDS)
                .body(StoreOutage.problem());
    }

    private static ProblemDetail instantOutOfRange(InstantOutOfRange e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INSTANT_OUT_OF_RANGE", "Instant out of range", e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InstantOutOfRange outOfRange) {
                return ResponseEntity.badRequest().body(instantOutOfRange(outOfRange));
            }
            if (t instanceof JsonParseException parse && parse.getOriginalMessage().startsWith("Duplicate field")) {
                return ResponseEntity.badRequest().body(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "DUPLICATE_FIELD",
                        "Duplicate field", "A field appears twice in the body (" + parse.getOriginalMessage()
                                + "): a ledger request must say each thing once."));
            }
        }
        return ResponseEntity.badRequest().body(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "Malformed request body", JsonInputErrors.describe(ex.getCause())));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // Spring's own errors (405, 415, 406, missing parameters...) mostly arrive without a body, which
        // Spring would take from the exception only after this point: take it here so that it gets a code.
        if (body == null && ex instanceof ErrorResponse error) {
            body = error.getBody();
        }
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            HttpStatus known = HttpStatus.resolve(statusCode.value());
            problem.setProperty("code", known != null ? known.name() : "HTTP_" + statusCode.value());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }
}
