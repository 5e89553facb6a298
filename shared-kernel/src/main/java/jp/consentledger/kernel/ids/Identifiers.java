package jp.consentledger.kernel.ids;

/** The bank's identifier rule (API.md): 1 to 64 of {@code A-Za-z0-9._-}. */
public final class Identifiers {
    static final int MAX_ID_LENGTH = 64;

    private Identifiers() {
    }

    public static String requireBankId(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (!isBankId(value)) {
            throw new IllegalArgumentException(name + " must be 1 to 64 characters of A-Z a-z 0-9 . _ - (got "
                    + value.length() + " characters)");
        }
        return value;
    }

    /**
     * The rule, character by character: every event read back rebuilds its ids through it, and a regular
     * expression took about a twelfth of a read-model rebuild's CPU (BENCHMARKS.md, measure 5).
     */
    static boolean isBankId(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** A list or set the ledger accepts from a caller holds at most {@code max} entries. */
    public static <C extends java.util.Collection<?>> C requireAtMost(C values, String name, int max) {
        if (values != null && values.size() > max) {
            throw new IllegalArgumentException(name + " must hold at most " + max + " entries (got " + values.size() + ")");
        }
        return values;
    }

    public static String requireText(String value, String name, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required and must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be at most " + maxLength + " characters");
        }
        return value;
    }
}
