package jp.consentledger.command.linkage;

import jp.consentledger.command.config.CommandSideProperties;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.linkage.Scope;
import jp.consentledger.kernel.linkage.GrantDecision;
import jp.consentledger.kernel.linkage.LinkageCommands.AmendLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.ConfirmRevocation;
import jp.consentledger.kernel.linkage.LinkageCommands.GrantLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.RequestRevocation;
import jp.consentledger.kernel.linkage.LinkageCommands.ResumeLinkage;
import jp.consentledger.kernel.linkage.LinkageCommands.RevokeAtBank;
import jp.consentledger.kernel.linkage.LinkageCommands.SuspendLinkage;
import jp.consentledger.kernel.linkage.LinkageStatus;
import jp.consentledger.web.security.Callers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;
import static jp.consentledger.kernel.ids.Identifiers.requireText;

/**
 * Every linkage command: the grant, addressed to the account (which decides it), and the six others,
 * addressed to a linkage by its id and routed to the account that holds it.
 */
@RestController
@RequestMapping("/api/v1")
public class LinkageController {
    private final CommandGateway commands;
    private final LinkageRoutes routes;
    private final TokenIssuer tokens;
    private final CommandSideProperties properties;
    private final Clock clock;

    public LinkageController(CommandGateway commands, LinkageRoutes routes, TokenIssuer tokens,
                             CommandSideProperties properties, Clock clock) {
        this.commands = commands;
        this.routes = routes;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    public record GrantLinkageRequest(ProviderId providerId, Set<Scope> scopes, List<ChainedRecipient> chainedRecipients) {
        public GrantLinkageRequest {
            required(providerId, "providerId");
            scopes = Scope.normalize(scopes);
            chainedRecipients = List.copyOf(required(chainedRecipients, "chainedRecipients"));
        }
    }

    /** The only response that ever carries the plain token. */
    public record LinkageGranted(LinkageId linkageId, String token, Instant tokenExpiresAt) {
        @Override
        public String toString() {
            return "LinkageGranted[linkageId=" + linkageId + "]";
        }
    }

    public record RevocationRequest(Instant requestedAt) {
        public RevocationRequest {
            requireInRange(requestedAt, "requestedAt");
        }
    }

    public record ReasonRequest(String reason) {
        public ReasonRequest {
            requireText(reason, "reason", 1000);
        }
    }

    public record AmendmentRequest(Set<Scope> scopes, List<ChainedRecipient> chainedRecipients) {
        public AmendmentRequest {
            if (scopes == null && chainedRecipients == null) {
                throw new IllegalArgumentException("send scopes, chainedRecipients or both");
            }
            scopes = scopes == null ? null : Scope.normalize(scopes);
            chainedRecipients = chainedRecipients == null ? null : List.copyOf(chainedRecipients);
        }
    }

    public record LinkageStanding(LinkageId linkageId, String status) {
    }

    @PostMapping("/accounts/{accountId}/linkages")
    @ResponseStatus(HttpStatus.CREATED)
    public LinkageGranted grant(@PathVariable AccountId accountId, @RequestBody GrantLinkageRequest request) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.linkageValidity());
        TokenIssuer.IssuedToken token = tokens.issue();
        LinkageId linkageId = LinkageId.newId(UUID.randomUUID());
        GrantDecision decision = commands.sendAndWait(new GrantLinkage(accountId, linkageId, request.providerId(),
                request.scopes(), request.chainedRecipients(), token.hash(), now, expiresAt));
        if (decision.refusal() != null) {
            throw new Refusal(decision.refusal(), decision.detail());
        }
        return new LinkageGranted(linkageId, token.token(), expiresAt);
    }

    @PostMapping("/linkages/{linkageId}/revocation-requests")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public LinkageStanding requestRevocation(@PathVariable LinkageId linkageId, @RequestBody RevocationRequest request,
                                             Authentication caller) {
        // A provider revokes only its own linkages; another's answers exactly as an unknown id.
        Callers.provider(caller).ifPresent(provider -> {
            if (!routes.providerOf(linkageId).map(provider::equals).orElse(false)) {
                throw notFound(linkageId);
            }
        });
        commands.sendAndWait(new RequestRevocation(accountOf(linkageId), linkageId, request.requestedAt(), clock.instant()));
        return new LinkageStanding(linkageId, LinkageStatus.REVOCATION_REQUESTED.name());
    }

    @PostMapping("/linkages/{linkageId}/revocation-confirmations")
    public LinkageStanding confirmRevocation(@PathVariable LinkageId linkageId) {
        commands.sendAndWait(new ConfirmRevocation(accountOf(linkageId), linkageId, clock.instant()));
        return new LinkageStanding(linkageId, LinkageStatus.REVOKED.name());
    }

    @PostMapping("/linkages/{linkageId}/revocations")
    public LinkageStanding revokeAtBank(@PathVariable LinkageId linkageId, @RequestBody ReasonRequest request) {
        commands.sendAndWait(new RevokeAtBank(accountOf(linkageId), linkageId, request.reason(), clock.instant()));
        return new LinkageStanding(linkageId, LinkageStatus.REVOKED.name());
    }

    @PatchMapping("/linkages/{linkageId}")
    public LinkageStanding amend(@PathVariable LinkageId linkageId, @RequestBody AmendmentRequest request) {
        commands.sendAndWait(new AmendLinkage(accountOf(linkageId), linkageId, request.scopes(),
                request.chainedRecipients(), clock.instant()));
        return new LinkageStanding(linkageId, "AMENDED");
    }

    @PostMapping("/linkages/{linkageId}/suspension")
    public LinkageStanding suspend(@PathVariable LinkageId linkageId, @RequestBody ReasonRequest request) {
        commands.sendAndWait(new SuspendLinkage(accountOf(linkageId), linkageId, request.reason(), null, clock.instant()));
        return new LinkageStanding(linkageId, "SUSPENDED");
    }

    @DeleteMapping("/linkages/{linkageId}/suspension")
    public LinkageStanding resume(@PathVariable LinkageId linkageId) {
        commands.sendAndWait(new ResumeLinkage(accountOf(linkageId), linkageId, clock.instant()));
        return new LinkageStanding(linkageId, "RESUMED");
    }

    private AccountId accountOf(LinkageId linkageId) {
        return routes.accountOf(linkageId).orElseThrow(() -> notFound(linkageId));
    }

    private static Refusal notFound(LinkageId linkageId) {
        return new Refusal(RefusalCode.LINKAGE_NOT_FOUND, "No linkage '" + linkageId + "'.");
    }
}
