package jp.consentledger.web.security;

import jp.consentledger.kernel.ids.ProviderId;
import org.springframework.security.core.Authentication;

import java.util.Optional;

/** Who is calling, as the object-level checks need it. */
public final class Callers {
    private Callers() {
    }

    /** The provider a caller acts for, if it holds the PROVIDER role; its principal name is the provider's id. */
    public static Optional<ProviderId> provider(Authentication authentication) {
        if (authentication == null || authentication.getAuthorities().stream()
                .noneMatch(a -> Role.PROVIDER.authority().equals(a.getAuthority()))) {
            return Optional.empty();
        }
        return Optional.of(new ProviderId(authentication.getName()));
    }
}
