package jp.consentledger.query.console.directory;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.query.console.Viewer;
import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.infrastructure.ReadModelLag;
import jp.consentledger.query.linkage.LinkageDirectory;
import jp.consentledger.query.linkage.LinkageDirectory.LinkageRow;
import jp.consentledger.query.linkage.LinkageDirectoryProjection;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Where things stand now, from the linkage directory: a linkage, an account's linkages, a provider's, a
 * customer's accounts. A provider sees only its own: another's linkage or id reads exactly as an unknown one.
 */
@FullNode
@Controller
class DirectoryController {
    private static final int PROVIDER_PAGE = 200;

    private final LinkageDirectory directory;
    private final CustomerAccounts customers;
    private final ReadModelLag lag;
    private final Clock clock;

    DirectoryController(LinkageDirectory directory, CustomerAccounts customers, ReadModelLag lag, Clock clock) {
        this.directory = directory;
        this.customers = customers;
        this.lag = lag;
        this.clock = clock;
    }

    @GetMapping("/console/linkages/{linkageId}")
    String linkage(@PathVariable String linkageId, @ModelAttribute("viewer") Viewer viewer, Model model) {
        LinkageId id = new LinkageId(linkageId);
        LinkageRow row = directory.linkage(id, current())
                .filter(found -> viewer.mayRead(found.providerId()))
                .orElseThrow(() -> new NotFoundException("LINKAGE_NOT_FOUND", "No linkage '" + id.value() + "'."));
        model.addAttribute("linkage", row);
        return "console/linkage";
    }

    @GetMapping("/console/accounts/{accountId}")
    String account(@PathVariable String accountId, Model model) {
        AccountId id = new AccountId(accountId);
        Instant now = current();
        if (!directory.accountExists(id)) {
            throw new NotFoundException("ACCOUNT_NOT_FOUND", "No account '" + id.value() + "'.");
        }
        model.addAttribute("title", "account");
        model.addAttribute("accountId", id.value());
        model.addAttribute("linkages", directory.byAccount(id, now));
        return "console/linkages";
    }

    @GetMapping("/console/providers/{providerId}")
    String provider(@PathVariable String providerId, @ModelAttribute("viewer") Viewer viewer, Model model) {
        ProviderId id = new ProviderId(providerId);
        Instant now = current();
        if (!viewer.mayRead(id.value()) || !directory.providerExists(id)) {
            throw new NotFoundException("PROVIDER_NOT_FOUND", "No provider '" + id.value() + "'.");
        }
        LinkageDirectory.Page page = directory.byProvider(id, null, 0, PROVIDER_PAGE, now);
        model.addAttribute("title", "provider");
        model.addAttribute("providerId", id.value());
        model.addAttribute("linkages", page.items());
        model.addAttribute("total", page.total());
        return "console/linkages";
    }

    @GetMapping("/console/customers/{customerId}")
    String customer(@PathVariable String customerId, Model model) {
        CustomerId id = new CustomerId(customerId);
        current();
        List<CustomerAccount> accounts = customers.of(id);
        if (accounts.isEmpty()) {
            throw new NotFoundException("CUSTOMER_NOT_FOUND", "No account of customer '" + id.value() + "'.");
        }
        model.addAttribute("customerId", id.value());
        model.addAttribute("accounts", accounts);
        return "console/customer";
    }

    /** The directory must have caught up, or a linkage revoked at the bank would show as it was. */
    private Instant current() {
        lag.requireCurrent(LinkageDirectoryProjection.PROCESSING_GROUP, "linkage directory", null);
        return clock.instant();
    }
}
