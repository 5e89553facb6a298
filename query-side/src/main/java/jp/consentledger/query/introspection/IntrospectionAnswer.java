package jp.consentledger.query.introspection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.validity.ConsentFacts.LinkageFacts;
import jp.consentledger.validity.ValidityReason;

import java.time.Instant;

/**
 * RFC 7662 2.2's members (exp and iat in seconds since the epoch), then the ledger's own, as 2.2
 * allows: the reason, the linkage and account, and the instant and event position the answer reflects.
 * An inactive token answers {@code active} alone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IntrospectionAnswer(boolean active, String scope,
                                  @JsonProperty("client_id") ProviderId clientId,
                                  Long exp, Long iat,
                                  @JsonProperty("token_type") String tokenType,
                                  ValidityReason reason,
                                  @JsonProperty("linkage_id") LinkageId linkageId,
                                  @JsonProperty("account_id") AccountId accountId,
                                  @JsonProperty("as_of") AsOf asOf) {
    /** The one inactive answer (RFC 7662 2.2: nothing but active). */
    public static final IntrospectionAnswer INACTIVE = new IntrospectionAnswer(false, null, null, null, null, null, null, null, null, null);

    /** The instant answered for and the last event position reflected. */
    public record AsOf(Instant at, @JsonProperty("event_position") long eventPosition) {
    }

    static IntrospectionAnswer active(String scopes, LinkageFacts linkage, Instant now, long position) {
        return new IntrospectionAnswer(true, scopes, linkage.providerId(), linkage.expiresAt().getEpochSecond(),
                linkage.grantedAt().getEpochSecond(), "Bearer", ValidityReason.VALID, linkage.linkageId(),
                linkage.accountId(), new AsOf(now, position));
    }
}
