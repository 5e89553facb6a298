package jp.consentledger.kernel.linkage;

import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.refusal.RefusalCode;

/**
 * The outcome of GrantLinkage: granted, or refused with the refusal recorded as evidence
 * ({@link LinkageGrantRefusedEvent}). Exactly one of linkageId and refusal is set.
 */
public record GrantDecision(LinkageId linkageId, RefusalCode refusal, String detail) {
    public static GrantDecision granted(LinkageId linkageId) {
        return new GrantDecision(linkageId, null, null);
    }

    public static GrantDecision refused(RefusalCode refusal, String detail) {
        return new GrantDecision(null, refusal, detail);
    }
}
