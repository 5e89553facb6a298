package jp.consentledger.query.infrastructure;

import jp.consentledger.web.problem.LedgerProblemAdvice;
import jp.consentledger.web.problem.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The query side's own problems (unknown records, read models still catching up) on top of {@link LedgerProblemAdvice}'s. */
@RestControllerAdvice
public class ProblemDetailsAdvice extends LedgerProblemAdvice {
    ProblemDetailsAdvice() {
        super("The ledger could not answer; retry, or report it with the time.");
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, e.code(), "Not found", e.getMessage());
    }

    @ExceptionHandler(NotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(NotReadyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "LEDGER_CATCHING_UP", "Read model catching up", e.getMessage()));
    }
}
