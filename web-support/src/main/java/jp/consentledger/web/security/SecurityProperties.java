package jp.consentledger.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Who may call the ledger. {@code users} are staff and gateway principals for HTTP Basic, their
 * passwords stored as Spring Security {@code {id}hash} strings (e.g. {@code {bcrypt}$2a$...});
 * providers authenticate with their id and the secret issued at registration. The jwt profile sets
 * {@code jwt.enabled} and turns the demo users off; every other profile turns them off too unless
 * {@code demo-users-enabled} is true.
 *
 * @param users               staff and gateway users: name, a {@code {bcrypt}} password hash, roles
 * @param staffUsersEnabled   whether the configured staff users may log in (default true)
 * @param demoUsersEnabled    whether the README's demo users log in; on in the embedded default only
 * @param credentialCacheTtl  how long a provider's checked secret is cached (default 5 minutes)
 * @param credentialCacheSize how many providers' checked secrets are cached (default 10,000)
 * @param jwt                 OAuth2 JWT sign-in for staff (the jwt profile)
 */
@ConfigurationProperties("ledger.security")
public record SecurityProperties(List<User> users, Boolean staffUsersEnabled, Boolean demoUsersEnabled,
                                 Duration credentialCacheTtl, Integer credentialCacheSize, Jwt jwt) {
    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        // The demo users (README) are on in the embedded default; under any profile only when set to true
        // (the default comes from jp.consentledger.web.secrets.DeploymentSecrets).
        demoUsersEnabled = demoUsersEnabled == null || demoUsersEnabled;
        staffUsersEnabled = staffUsersEnabled == null || staffUsersEnabled;
        credentialCacheTtl = credentialCacheTtl == null ? Duration.ofMinutes(5) : credentialCacheTtl;
        credentialCacheSize = credentialCacheSize == null ? 10_000 : credentialCacheSize;
        jwt = jwt == null ? new Jwt(false, null, null) : jwt;
        for (User user : users) {
            if (user.roles().contains(Role.PROVIDER)) {
                throw new IllegalArgumentException("ledger.security.users: '" + user.name()
                        + "' may not have the PROVIDER role; providers authenticate with their issued secret");
            }
        }
    }

    public record User(String name, String password, List<Role> roles) {
        public User {
            if (name == null || name.isBlank() || password == null || password.isBlank() || roles == null || roles.isEmpty()) {
                throw new IllegalArgumentException("every ledger.security.users entry needs a name, a password hash and roles");
            }
            roles = List.copyOf(roles);
        }

        @Override
        public String toString() {
            return "User[name=" + name + ", roles=" + roles + "]"; // never print the hash
        }
    }

    /**
     * Claim names of the bank's identity provider's access tokens.
     *
     * @param enabled       whether staff sign in with the identity provider's JWTs (set by the jwt profile)
     * @param rolesClaim    the claim that lists a staff member's roles (default "roles")
     * @param providerClaim the claim that names a provider (default "provider_id")
     */
    public record Jwt(boolean enabled, String rolesClaim, String providerClaim) {
        public Jwt {
            rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
            providerClaim = providerClaim == null ? "provider_id" : providerClaim;
        }
    }
}
