package jp.consentledger.kernel.ids;

import java.util.regex.Pattern;

/** The bank's identifier rule (API.md): 1 to 64 of {@code A-Za-z0-9._-}. */
public final class Identifiers {
    private static final Pattern BANK_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Identifiers() {
    }

    public static String requireBankId(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (!BANK_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1 to 64 characters of A-Z a-z 0-9 . _ - (got "
                    + value.length() + " characters)");
        }
        return value;
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
