package jp.consentledger.web.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import jp.consentledger.web.secrets.PublishedDemoValues;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Staff and gateway users from configuration, then providers by id. A staff name wins over a
 * provider registered under the same id (that provider cannot authenticate by HTTP Basic).
 * A terminated provider is disabled; a suspended one still authenticates, because its customers'
 * revocation requests must still reach the bank and it may still read its linkages.
 */
public final class LedgerUsers implements UserDetailsService {
    private static final Pattern BANK_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * What a provider's presented secret is checked against (the command side: its bcrypt hash; a query
     * node: which credential is current, checked with the command side) and whether its contract has ended.
     */
    public record ProviderCredential(String password, boolean terminated) {
        @Override
        public String toString() {
            return "ProviderCredential[terminated=" + terminated + "]"; // never print the hash
        }
    }

    private final Map<String, UserDetails> staff;
    private final Function<String, Optional<ProviderCredential>> providers;

    LedgerUsers(SecurityProperties properties, Function<String, Optional<ProviderCredential>> providers) {
        this.staff = !properties.staffUsersEnabled() ? Map.of() : properties.users().stream()
                .filter(user -> properties.demoUsersEnabled() || !PublishedDemoValues.isDemoPassword(user.password()))
                .collect(Collectors.toUnmodifiableMap(SecurityProperties.User::name, user -> User.withUsername(user.name())
                        .password(user.password())
                        .roles(user.roles().stream().map(Role::name).toArray(String[]::new))
                        .build()));
        this.providers = providers;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserDetails user = staff.get(username);
        if (user != null) {
            return User.withUserDetails(user).build(); // a copy: the caller erases its credentials
        }
        if (username != null && BANK_ID.matcher(username).matches()) {
            Optional<ProviderCredential> provider = providers.apply(username);
            if (provider.isPresent()) {
                return User.withUsername(username).password(provider.get().password()).roles(Role.PROVIDER.name())
                        .disabled(provider.get().terminated()).build();
            }
        }
        throw new UsernameNotFoundException("unknown principal");
    }
}
