package jp.consentledger.query.breach;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.query.breach.BreachRegister.Breach;
import jp.consentledger.query.breach.BreachRegister.BreachSummary;
import jp.consentledger.query.breach.BreachRegister.Status;
import jp.consentledger.query.infrastructure.AsOf;
import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.infrastructure.ReadModelLag;
import jp.consentledger.query.role.FullNode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Breaches, for operators, auditors and dispute handlers (staff only, see SecurityConfiguration); never deleted. */
@FullNode
@RestController
public class BreachQueryController {
    private static final int MAX_PAGE_SIZE = 200;

    private final BreachRegister register;
    private final ReadModelLag lag;
    private final Clock clock;

    public BreachQueryController(BreachRegister register, ReadModelLag lag, Clock clock) {
        this.register = register;
        this.lag = lag;
        this.clock = clock;
    }

    public record BreachView(@JsonUnwrapped Breach breach, AsOf asOf) {
    }

    public record BreachPage(List<BreachSummary> items, int page, int size, long total, AsOf asOf) {
    }

    @GetMapping("/api/v1/breaches/{breachId}")
    public BreachView breach(@PathVariable BreachId breachId) {
        requireCurrentRegister();
        Instant now = clock.instant();
        Breach breach = register.find(breachId)
                .orElseThrow(() -> new NotFoundException("BREACH_NOT_FOUND", "No breach '" + breachId.value() + "'."));
        return new BreachView(breach, new AsOf(now, breach.eventPosition()));
    }

    @GetMapping("/api/v1/breaches")
    public BreachPage breaches(@RequestParam(required = false) Status status, @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        requireCurrentRegister();
        Instant now = clock.instant();
        BreachRegister.Page result = register.list(status, page, size);
        long position = result.items().stream().mapToLong(BreachSummary::eventPosition).max().orElse(-1);
        return new BreachPage(result.items(), result.page(), result.size(), result.total(), new AsOf(now, position));
    }

    /** A register still catching up would show a breach without the suspensions or resolution it has. */
    private void requireCurrentRegister() {
        lag.requireCurrent(BreachRegisterProjection.PROCESSOR, "breach register", null);
    }
}
