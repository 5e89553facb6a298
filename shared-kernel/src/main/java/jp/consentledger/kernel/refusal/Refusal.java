package jp.consentledger.kernel.refusal;

/**
 * A business rule refused a command. Carries a stable machine-readable code and a sentence a bank
 * operator can act on; the web layer turns it into problem+json.
 */
public class Refusal extends RuntimeException {
    private final RefusalCode code;

    public Refusal(RefusalCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public RefusalCode code() {
        return code;
    }
}
