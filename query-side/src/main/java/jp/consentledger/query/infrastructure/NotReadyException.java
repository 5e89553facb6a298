package jp.consentledger.query.infrastructure;

/** A read model cannot answer truthfully yet (it is still catching up with the event stream): 503. */
public class NotReadyException extends RuntimeException {
    public NotReadyException(String message) {
        super(message, null, false, false);
    }
}
