package jp.consentledger.verifier;

/** The input is not a bundle this verifier can read (exit status 2): the message says what is wrong, no stack trace. */
final class Malformed extends RuntimeException {
    Malformed(String message) {
        super(message, null, false, false);
    }
}
