package jp.consentledger.kernel.breach;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.BreachId;
import jp.consentledger.kernel.ids.ChainedRecipient;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static jp.consentledger.kernel.ids.Identifiers.requireAtMost;
import static jp.consentledger.kernel.ids.Identifiers.required;
import static jp.consentledger.kernel.time.LedgerTime.requireInRange;
import static jp.consentledger.kernel.ids.Identifiers.requireText;

/** Commands about a breach (事故). Breaches are resolved, never deleted. */
public final class BreachCommands {
    private BreachCommands() {
    }

    /** A command addressed to one breach's aggregate, routed by its aggregate identifier. */
    public interface ToBreach {
        BreachId breachId();

        @TargetAggregateIdentifier
        default String targetAggregateIdentifier() {
            return breachId().aggregateIdentifier();
        }
    }

    public record ReportBreach(BreachId breachId, BreachKind kind, Instant detectedAt,
                               String description, String reportedBy, Set<ProviderId> affectedProviderIds,
                               Set<AccountId> affectedAccountIds, Set<LinkageId> affectedLinkageIds,
                               boolean suspendAffectedLinkages, Instant reportedAt) implements ToBreach {
        public ReportBreach {
            required(breachId, "breachId");
            required(kind, "kind");
            requireInRange(detectedAt, "detectedAt");
            requireText(description, "description", 4000);
            requireText(reportedBy, "reportedBy", 200);
            affectedProviderIds = Set.copyOf(requireAtMost(required(affectedProviderIds, "affectedProviderIds"), "affectedProviderIds", 1000));
            affectedAccountIds = Set.copyOf(requireAtMost(required(affectedAccountIds, "affectedAccountIds"), "affectedAccountIds", 1000));
            affectedLinkageIds = Set.copyOf(requireAtMost(required(affectedLinkageIds, "affectedLinkageIds"), "affectedLinkageIds", 1000));
            requireInRange(reportedAt, "reportedAt");
        }
    }

    /** Exactly one recipient: a provider or a chained recipient. */
    public record RecordDisclosure(BreachId breachId, String disclosureId,
                                   ProviderId recipientProviderId, ChainedRecipient recipientChainedRecipient,
                                   List<String> informationItems, String basisClause, Instant disclosedAt) implements ToBreach {
        public RecordDisclosure {
            required(breachId, "breachId");
            requireText(disclosureId, "disclosureId", 64);
            if ((recipientProviderId == null) == (recipientChainedRecipient == null)) {
                throw new IllegalArgumentException(
                        "name exactly one recipient: recipientProviderId or recipientChainedRecipient");
            }
            informationItems = List.copyOf(requireAtMost(required(informationItems, "informationItems"), "informationItems", 100));
            if (informationItems.isEmpty()) {
                throw new IllegalArgumentException("informationItems must list what was disclosed");
            }
            informationItems.forEach(item -> requireText(item, "informationItems[]", 500));
            requireText(basisClause, "basisClause", 200);
            requireInRange(disclosedAt, "disclosedAt");
        }
    }

    public record ResolveBreach(BreachId breachId, String summary, Instant resolvedAt) implements ToBreach {
        public ResolveBreach {
            required(breachId, "breachId");
            requireText(summary, "summary", 4000);
            requireInRange(resolvedAt, "resolvedAt");
        }
    }
}
