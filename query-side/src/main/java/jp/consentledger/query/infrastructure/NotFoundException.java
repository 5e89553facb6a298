package jp.consentledger.query.infrastructure;

/** Unknown, or not the caller's to see: the same answer for both (404). */
public class NotFoundException extends RuntimeException {
    private final String code;

    public NotFoundException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
