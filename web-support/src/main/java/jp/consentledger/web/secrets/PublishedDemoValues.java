package jp.consentledger.web.secrets;

import java.util.Map;
import java.util.Set;

/**
 * Every secret this repository publishes for the embedded default (application.yml, docker/compose.yaml,
 * the README's demo users): known to anyone, so they protect nothing anywhere real.
 */
public final class PublishedDemoValues {
    /** Per setting, the published values it must not hold outside the embedded default. */
    static final Map<String, Set<String>> SECRETS = Map.of(
            "ledger.token.hmac-secret", Set.of("embedded-demo-secret-change-me-0123456789abcdef",
                    "DEMO-ONLY-insecure-hmac-secret-do-not-use-in-production-0123456789"),
            "ledger.idempotency.encryption-key", Set.of("/Xo4j5+AYLPvq+QbcJoSvEh2hvAaQoR4h/rFmjxLuTo="),
            "ledger.audit.signing.private-key", Set.of("MC4CAQAwBQYDK2VwBCIEIDpbNaxyOeFr1mOAn67yx8C469xkGI93EnHF8czo41XF"),
            "ledger.audit.signing.public-key", Set.of("MCowBQYDK2VwAyEAf8mHB+/qDFGZU3fz/G9k7Oc1seIu0GYNQ09safTBV1c="));

    /** The environment variables that carry each setting (and, with _FILE, the file holding it). */
    static final Map<String, String> VARIABLES = Map.of(
            "ledger.token.hmac-secret", "LEDGER_TOKEN_HMAC_SECRET",
            "ledger.idempotency.encryption-key", "LEDGER_IDEMPOTENCY_ENCRYPTION_KEY",
            "ledger.audit.signing.private-key", "LEDGER_AUDIT_SIGNING_PRIVATE_KEY",
            "ledger.audit.signing.public-key", "LEDGER_AUDIT_SIGNING_PUBLIC_KEY");

    /** Whether a staff user's password is a demo user's published one. */
    public static boolean isDemoPassword(String passwordHash) {
        return DEMO_USER_PASSWORDS.contains(passwordHash);
    }

    /** The demo staff users' password hashes (operator:operator, gateway:gateway, ...). */
    private static final Set<String> DEMO_USER_PASSWORDS = Set.of(
            "{bcrypt}$2a$10$wBQ6YiMZiL.d34ZR4i6SAOWY0xwFrtMPCA3ZoY1kuYZE0wNHzEfEG",
            "{bcrypt}$2a$10$a2i4tgrx0l6tShQjhdxtsuDiXo1nI1ZNU36B/UO8SQe5n/fu7.giq",
            "{bcrypt}$2a$10$XqqXXxMDsN0gb5RW235Q1.ZSXxOZ8g.iWijm/2eQPXMx87xKnrT/a",
            "{bcrypt}$2a$10$tHO8M9NgYKPKH2Cf3zA2vO4HQGvNkzZvGdJXUISTXyaMpqmFgvIsa",
            "{bcrypt}$2a$10$H22IvoqybebZk.LQWD5r6Ocg9gdcPRYDJqBMXDmPcLt6l.Y4.ckqS");

    private PublishedDemoValues() {
    }
}
