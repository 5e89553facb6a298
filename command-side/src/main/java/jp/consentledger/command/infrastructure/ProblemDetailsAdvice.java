package jp.consentledger.command.infrastructure;

import jp.consentledger.command.infrastructure.MissingTargets.MissingTarget;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.web.problem.LedgerProblemAdvice;
import jp.consentledger.web.problem.ProblemResponses;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error as RFC 9457 problem details with a stable {@code code} (the shared mappings are
 * {@link LedgerProblemAdvice}'s); refused business rules are 404/409/422 per
 * {@link RefusalCode}; nothing a caller sends becomes a 500.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends LedgerProblemAdvice {
    ProblemDetailsAdvice() {
        super("The ledger could not complete the request; nothing is known to have been recorded. Retry, or report it with the time.");
    }

    @ExceptionHandler(Refusal.class)
    ProblemDetail refused(Refusal refusal) {
        RefusalCode code = refusal.code();
        return ProblemResponses.problem(HttpStatus.valueOf(code.httpStatus()), code.name(), code.title(), refusal.getMessage());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        // Across a distributed command bus the refusal arrives wrapped, its code in the details.
        if (e.getCause() instanceof Refusal refusal) {
            return ResponseEntity.status(refusal.code().httpStatus()).body(refused(refusal));
        }
        return e.getDetails().filter(RefusalCode.class::isInstance).map(RefusalCode.class::cast)
                .map(code -> ResponseEntity.status(code.httpStatus()).body(
                        ProblemResponses.problem(HttpStatus.valueOf(code.httpStatus()), code.name(), code.title(), e.getMessage())))
                .orElseGet(() -> unexpected(e));
    }

    /** What is missing is named by the command that addressed it (see MissingTargets), not parsed from the identifier. */
    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail notFound(AggregateNotFoundException e) {
        if (e instanceof MissingTarget missing && missing.code != null) {
            return ProblemResponses.problem(HttpStatus.NOT_FOUND, missing.code.name(), missing.code.title(),
                    "No " + missing.kind + " '" + missing.id + "' is registered.");
        }
        String id = e instanceof MissingTarget missing ? missing.id : String.valueOf(e.getAggregateIdentifier());
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", "Nothing is recorded under '" + id + "'.");
    }

    /** A race with another node that was still lost after the gateway's retries (see LostRaceRetry). */
    @ExceptionHandler({ConcurrencyException.class, AggregateStreamCreationException.class})
    ProblemDetail concurrent(Exception e) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, RefusalCode.CONCURRENT_MODIFICATION.name(), RefusalCode.CONCURRENT_MODIFICATION.title(),
                "Another command changed the same record at the same moment; nothing was recorded for this one. Retry it.");
    }
}
