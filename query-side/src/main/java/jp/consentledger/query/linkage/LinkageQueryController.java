package jp.consentledger.query.linkage;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.query.infrastructure.AsOf;
import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.infrastructure.ReadModelLag;
import jp.consentledger.query.linkage.LinkageDirectory.LinkageRow;
import jp.consentledger.query.linkage.LinkageDirectory.Status;
import jp.consentledger.query.role.FullNode;
import jp.consentledger.web.security.Callers;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Linkages as they stand now, each answer saying which instant and event position it reflects. */
@FullNode
@RestController
public class LinkageQueryController {
    private static final int MAX_PAGE_SIZE = 200;

    private final LinkageDirectory directory;
    private final Clock clock;
    private final ReadModelLag lag;

    public LinkageQueryController(LinkageDirectory directory, Clock clock, ReadModelLag lag) {
        this.directory = directory;
        this.clock = clock;
        this.lag = lag;
    }

    public record LinkageView(@JsonUnwrapped LinkageRow linkage, AsOf asOf) {
    }

    public record LinkagePage(List<LinkageRow> items, int page, int size, long total, AsOf asOf) {
    }

    public record LinkageList(List<LinkageRow> items, AsOf asOf) {
    }

    @GetMapping("/api/v1/linkages/{linkageId}")
    public LinkageView linkage(@PathVariable LinkageId linkageId, Authentication caller) {
        requireCurrentDirectory();
        Instant now = clock.instant();
        // A provider sees only its own linkages; another's answers exactly as an unknown id.
        Optional<ProviderId> provider = Callers.provider(caller);
        LinkageRow row = directory.linkage(linkageId, now)
                .filter(found -> provider.map(p -> p.value().equals(found.providerId())).orElse(true))
                .orElseThrow(() -> new NotFoundException("LINKAGE_NOT_FOUND", "No linkage '" + linkageId.value() + "'."));
        return new LinkageView(row, new AsOf(now, row.eventPosition()));
    }

    @GetMapping("/api/v1/providers/{providerId}/linkages")
    public LinkagePage byProvider(@PathVariable ProviderId providerId, @RequestParam(required = false) Status status,
                                  @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                                  Authentication caller) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        requireCurrentDirectory();
        Instant now = clock.instant();
        boolean another = Callers.provider(caller).map(p -> !p.equals(providerId)).orElse(false);
        if (another || !directory.providerExists(providerId)) {
            throw new NotFoundException("PROVIDER_NOT_FOUND", "No provider '" + providerId.value() + "'.");
        }
        LinkageDirectory.Page result = directory.byProvider(providerId, status, page, size, now);
        return new LinkagePage(result.items(), result.page(), result.size(), result.total(), asOf(now, result.items()));
    }

    @GetMapping("/api/v1/accounts/{accountId}/linkages")
    public LinkageList byAccount(@PathVariable AccountId accountId) {
        requireCurrentDirectory();
        Instant now = clock.instant();
        if (!directory.accountExists(accountId)) {
            throw new NotFoundException("ACCOUNT_NOT_FOUND", "No account '" + accountId.value() + "'.");
        }
        List<LinkageRow> items = directory.byAccount(accountId, now);
        return new LinkageList(items, asOf(now, items));
    }

    /** A directory still catching up would show a revoked or suspended linkage as it was. */
    private void requireCurrentDirectory() {
        lag.requireCurrent(LinkageDirectoryProjection.PROCESSING_GROUP, "linkage directory", null);
    }

    private static AsOf asOf(Instant now, List<LinkageRow> rows) {
        return new AsOf(now, rows.stream().mapToLong(LinkageRow::eventPosition).max().orElse(-1));
    }
}
