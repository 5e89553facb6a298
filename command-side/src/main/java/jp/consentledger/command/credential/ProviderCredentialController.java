package jp.consentledger.command.credential;

import jp.consentledger.command.credential.ProviderCredentialStore.Issued;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.refusal.Refusal;
import jp.consentledger.kernel.refusal.RefusalCode;
import jp.consentledger.kernel.provider.ProviderCommands.RotateProviderCredential;
import jp.consentledger.kernel.provider.ProviderCredentialId;
import jp.consentledger.web.security.Callers;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * A provider's secret: the bank rotates it (the new one is shown once, the old one stops working), and
 * a caller holding a provider's secret can ask which credential it is, which is how a query node checks
 * a provider's login without any copy of the secret (docs/provider-credentials.md).
 */
@RestController
@RequestMapping("/api/v1/providers/{providerId}/credentials")
public class ProviderCredentialController {
    private final CommandGateway commands;
    private final ProviderCredentialStore store;
    private final Clock clock;

    public ProviderCredentialController(CommandGateway commands, ProviderCredentialStore store, Clock clock) {
        this.commands = commands;
        this.store = store;
        this.clock = clock;
    }

    /** The new secret is shown here once; the ledger keeps only its hash, and events only its id. */
    public record CredentialIssued(ProviderId providerId, ProviderCredentialId credentialId, String secret) {
        @Override
        public String toString() {
            return "CredentialIssued[providerId=" + providerId.value() + ", credentialId=" + credentialId.value() + "]";
        }
    }

    public record CurrentCredential(ProviderId providerId, ProviderCredentialId credentialId) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public CredentialIssued rotate(@PathVariable ProviderId providerId) {
        Issued issued = store.issue(providerId);
        try {
            commands.sendAndWait(new RotateProviderCredential(providerId, issued.credentialId(), clock.instant()));
        } catch (RuntimeException refused) {
            store.discard(providerId, issued.credentialId());
            throw refused;
        }
        return new CredentialIssued(providerId, issued.credentialId(), issued.secret());
    }

    /** For the provider itself (its own id only: another answers as unknown) and for operators. */
    @GetMapping("/current")
    public CurrentCredential current(@PathVariable ProviderId providerId, Authentication caller) {
        Callers.provider(caller).filter(self -> !self.equals(providerId)).ifPresent(other -> {
            throw unknown(providerId);
        });
        return store.current(providerId).map(id -> new CurrentCredential(providerId, id))
                .orElseThrow(() -> unknown(providerId));
    }

    private static Refusal unknown(ProviderId providerId) {
        return new Refusal(RefusalCode.PROVIDER_NOT_FOUND, "No provider is registered as '" + providerId.value() + "'.");
    }
}
