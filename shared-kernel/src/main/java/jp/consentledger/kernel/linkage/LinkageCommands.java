package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.account.AccountCommands.ToAccount;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static jp.consentledger.kernel.ids.Identifiers.requireAtMost;
import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;
import static jp.consentledger.kernel.ids.Identifiers.requireText;

/**
 * Commands about a linkage (API連携). A linkage lives inside its account's aggregate: the account is
 * where "one live linkage per provider" and "closing the account stops every linkage" are decided.
 * There is deliberately no command that moves a linkage to another account or provider (R11, T11).
 */
public final class LinkageCommands {
    private LinkageCommands() {
    }

    /**
     * A command for one linkage of an account: routed to the account's aggregate, and there to the
     * linkage whose id it carries. A grant is not one: the account decides it, before the linkage exists.
     */
    public interface ToLinkage extends ToAccount {
        LinkageId linkageId();
    }

    public record GrantLinkage(AccountId accountId, LinkageId linkageId,
                               ProviderId providerId, Set<Scope> scopes, List<ChainedRecipient> chainedRecipients,
                               TokenHash tokenHash, Instant grantedAt, Instant expiresAt) implements ToAccount {
        public GrantLinkage {
            required(accountId, "accountId");
            required(linkageId, "linkageId");
            required(providerId, "providerId");
            scopes = Scope.normalize(scopes);
            chainedRecipients = List.copyOf(requireAtMost(required(chainedRecipients, "chainedRecipients"), "chainedRecipients", 100));
            required(tokenHash, "tokenHash");
            requireInRange(grantedAt, "grantedAt");
            requireInRange(expiresAt, "expiresAt");
        }
    }

    /** The customer asked the provider to stop (R5.1): a request, with the customer's time and the bank's. */
    public record RequestRevocation(AccountId accountId, LinkageId linkageId,
                                    Instant requestedAt, Instant recordedAt) implements ToLinkage {
        public RequestRevocation {
            required(accountId, "accountId");
            required(linkageId, "linkageId");
            requireInRange(requestedAt, "requestedAt");
            requireInRange(recordedAt, "recordedAt");
        }
    }

    public record ConfirmRevocation(AccountId accountId, LinkageId linkageId,
                                    Instant confirmedAt) implements ToLinkage {
        public ConfirmRevocation {
            required(accountId, "accountId");
            required(linkageId, "linkageId");
            requireInRange(confirmedAt, "confirmedAt");
        }
    }

    /** The customer asked the bank itself, or the bank decided: effective at once. */
    public record RevokeAtBank(AccountId accountId, LinkageId linkageId, String reason,
                               Instant revokedAt) implements ToLinkage {
        public RevokeAtBank {
            required(accountId, "accountId");
            required(linkageId, "linkageId");
            requireText(reason, "reason", 1000);
            requireInRange(revokedAt, "revokedAt");
        }
    }

    /** Null scopes or recipients mean "unchanged". */
    public record AmendLinkage(AccountId accountId, LinkageId linkageId, Set<Scope> scopes,
                               List<ChainedRecipient> chainedRecipients, Instant amendedAt) implements ToLinkage {
        public AmendLinkage {
            required(accountId, "accountId");
            required(linkageId, "linkageId");
            scopes = scopes == null ? null : Scope.normalize(scopes);
            chainedRecipients = chainedRecipients == null ? null
                    : List.copyOf(requireAtMost(chainedRecipients, "chainedRecipients", 100));
            if (scopes == null && chainedRecipients == null) {
                throw new IllegalArgumentException("an amendment must change scopes or chainedRecipients");
            }
            requireInRange(amendedAt, "amendedAt");
        }
    }

    /** {@code breachId} is set when the suspension follows a breach report (R4.6). */
    public record SuspendLinkage(AccountId accountId, LinkageId linkageId, String reason,
                                 BreachId breachId, Instant suspendedAt) implements ToLinkage {
        public SuspendLinkage {
            required(accountId, "accountId");
            required(linkageId, "linkageId");
            requireText(reason, "reason", 1000);
            requireInRange(suspendedAt, "suspendedAt");
        }
    }

    public record ResumeLinkage(AccountId accountId, LinkageId linkageId,
                                Instant resumedAt) implements ToLinkage {
        public ResumeLinkage {
            required(accountId, "accountId");
            required(linkageId, "linkageId");
            requireInRange(resumedAt, "resumedAt");
        }
    }
}
