package jp.consentledger.command.breach;

import jp.consentledger.kernel.breach.BreachCommands.RecordDisclosure;
import jp.consentledger.kernel.breach.BreachCommands.ReportBreach;
import jp.consentledger.kernel.breach.BreachCommands.ResolveBreach;
import jp.consentledger.kernel.breach.BreachKind;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;
import static jp.consentledger.kernel.ids.Identifiers.requireText;

@RestController
@RequestMapping("/api/v1/breaches")
public class BreachController {
    private final CommandGateway commands;
    private final Clock clock;

    public BreachController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** {@code reportedBy} defaults to the authenticated operator. */
    public record ReportBreachRequest(BreachKind kind, Instant detectedAt, String description, String reportedBy,
                                      Set<ProviderId> affectedProviderIds, Set<AccountId> affectedAccountIds,
                                      Set<LinkageId> affectedLinkageIds, Boolean suspendAffectedLinkages) {
        public ReportBreachRequest {
            required(kind, "kind");
            requireInRange(detectedAt, "detectedAt");
            requireText(description, "description", 4000);
            affectedProviderIds = affectedProviderIds == null ? Set.of() : Set.copyOf(affectedProviderIds);
            affectedAccountIds = affectedAccountIds == null ? Set.of() : Set.copyOf(affectedAccountIds);
            affectedLinkageIds = affectedLinkageIds == null ? Set.of() : Set.copyOf(affectedLinkageIds);
            suspendAffectedLinkages = suspendAffectedLinkages != null && suspendAffectedLinkages;
        }
    }

    public record BreachReported(BreachId breachId) {
    }

    public record DisclosureRequest(ProviderId recipientProviderId, ChainedRecipient recipientChainedRecipient,
                                    List<String> informationItems, String basisClause) {
        public DisclosureRequest {
            if ((recipientProviderId == null) == (recipientChainedRecipient == null)) {
                throw new IllegalArgumentException("name exactly one recipient: recipientProviderId or recipientChainedRecipient");
            }
            informationItems = List.copyOf(required(informationItems, "informationItems"));
            requireText(basisClause, "basisClause", 200);
        }
    }

    public record DisclosureRecorded(BreachId breachId, String disclosureId, Instant disclosedAt) {
    }

    public record ResolutionRequest(String summary) {
        public ResolutionRequest {
            requireText(summary, "summary", 4000);
        }
    }

    public record BreachStanding(BreachId breachId, String status) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public BreachReported report(@RequestBody ReportBreachRequest request, Principal principal) {
        BreachId breachId = BreachId.newId(UUID.randomUUID());
        String reporter = request.reportedBy() != null ? request.reportedBy()
                : principal != null ? principal.getName() : "operator";
        commands.sendAndWait(new ReportBreach(breachId, request.kind(), request.detectedAt(), request.description(),
                reporter, request.affectedProviderIds(), request.affectedAccountIds(), request.affectedLinkageIds(),
                request.suspendAffectedLinkages(), clock.instant()));
        return new BreachReported(breachId);
    }

    @PostMapping("/{breachId}/disclosures")
    @ResponseStatus(HttpStatus.CREATED)
    public DisclosureRecorded disclose(@PathVariable BreachId breachId, @RequestBody DisclosureRequest request) {
        String disclosureId = "dsc-" + UUID.randomUUID();
        Instant now = clock.instant();
        commands.sendAndWait(new RecordDisclosure(breachId, disclosureId, request.recipientProviderId(),
                request.recipientChainedRecipient(), request.informationItems(), request.basisClause(), now));
        return new DisclosureRecorded(breachId, disclosureId, now);
    }

    @PostMapping("/{breachId}/resolution")
    public BreachStanding resolve(@PathVariable BreachId breachId, @RequestBody ResolutionRequest request) {
        commands.sendAndWait(new ResolveBreach(breachId, request.summary(), clock.instant()));
        return new BreachStanding(breachId, "RESOLVED");
    }
}
