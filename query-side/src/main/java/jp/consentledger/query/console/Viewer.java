package jp.consentledger.query.console;

import jp.consentledger.web.security.Callers;
import jp.consentledger.web.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Who is looking, in the terms the pages decide by: which sections and buttons to show. */
public record Viewer(String name, Set<String> roles, String providerId) {

    public static Viewer of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return new Viewer(null, Set.of(), null);
        }
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toUnmodifiableSet());
        String provider = Callers.provider(authentication).map(p -> p.value()).orElse(null);
        return new Viewer(authentication.getName(), roles, provider);
    }

    public boolean signedIn() {
        return name != null && !roles.isEmpty();
    }

    public boolean operator() {
        return roles.contains(Role.OPERATOR.name());
    }

    /** May read the audit trail: history, "as of", evidence (AUDITOR, DISPUTE_HANDLER). */
    public boolean audit() {
        return roles.contains(Role.AUDITOR.name()) || roles.contains(Role.DISPUTE_HANDLER.name());
    }

    public boolean auditor() {
        return roles.contains(Role.AUDITOR.name());
    }

    public boolean provider() {
        return providerId != null;
    }

    /** A provider may look only at what is its own; staff at everything. */
    public boolean mayRead(String linkageProviderId) {
        return !provider() || providerId.equals(linkageProviderId);
    }

    public Optional<String> ownProvider() {
        return Optional.ofNullable(providerId);
    }
}
