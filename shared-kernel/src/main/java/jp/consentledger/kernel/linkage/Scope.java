package jp.consentledger.kernel.linkage;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** 機能: what a linkage lets the provider read (R2.1, T1.1). */
public enum Scope {
    BALANCE,
    TRANSACTIONS;

    /** A non-empty, ordered, unmodifiable copy, so that serialized events are byte-stable. */
    public static Set<Scope> normalize(Collection<Scope> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must name at least one of BALANCE, TRANSACTIONS");
        }
        if (scopes.stream().anyMatch(java.util.Objects::isNull)) { // Set.of(...).contains(null) would throw
            throw new IllegalArgumentException("scopes must not contain null");
        }
        return java.util.Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }
}
