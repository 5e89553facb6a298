package jp.consentledger.system.torture;

/** What one round of the torture kills with SIGKILL, then starts again with a plain start. */
enum Fault {
    /** The command side alone, under the writers. */
    COMMAND,
    /** The query side alone (its in-memory token validity is rebuilt from the events on start). */
    QUERY,
    /** Both sides at the same instant. */
    BOTH_SIDES,
    /**
     * The store's supervisor and its PostgreSQL, both sides left running: the store is away (every call that
     * needs it must answer 503) until a plain start of the store, after which the sides reconnect on their
     * own (embedded default only). PostgreSQL killed alone and restarted by its supervisor: EmbeddedStoreTest.
     */
    STORE,
    /** Both sides, the store's supervisor and its PostgreSQL at once, as a power cut (embedded default only). */
    EVERYTHING;

    boolean needsEmbeddedStore() {
        return this == STORE || this == EVERYTHING;
    }

    boolean killsCommandSide() {
        return this == COMMAND || this == BOTH_SIDES || this == EVERYTHING;
    }

    boolean killsQuerySide() {
        return this == QUERY || this == BOTH_SIDES || this == EVERYTHING;
    }
}
