package jp.consentledger.validity;

/** A token check's answer, with the linkage it concerns (null for an unknown token). */
public record TokenVerdict(ValidityReason reason, ConsentFacts.LinkageFacts linkage) {
    private static final TokenVerdict UNKNOWN = new TokenVerdict(ValidityReason.UNKNOWN_TOKEN, null);

    public static TokenVerdict unknown() {
        return UNKNOWN;
    }

    public boolean valid() {
        return reason.valid();
    }
}
