package jp.consentledger.query.security;

import jp.consentledger.query.QuerySideProperties;
import jp.consentledger.query.role.FullNode;
import jp.consentledger.web.security.CredentialCheckUnavailable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Checks a provider's secret where the secrets are kept: the presented credentials are passed on, as
 * they came, to the command side's {@code GET /api/v1/providers/{id}/credentials/current}, which answers
 * 200 only to the provider's current secret. This node keeps no copy of any secret or hash; the
 * credential cache in front of this remembers a success under the current credential id (from the
 * events), so a rotation this node has read forgets it. A command side out of reach fails the login
 * as unavailable (503), not as a wrong secret.
 */
@FullNode
@Component
class CommandSideSecretCheck implements PasswordEncoder {
    private final RestClient commandSide;

    CommandSideSecretCheck(QuerySideProperties properties) {
        String url = properties.commandSide().url();
        Duration timeout = properties.commandSide().timeout();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.commandSide = RestClient.builder().baseUrl(url).requestFactory(requests).build();
    }

    /** {@code current} is {@link ProviderCredentials}' "providerId:credentialId". */
    @Override
    public boolean matches(CharSequence secret, String current) {
        String providerId = current.substring(0, current.indexOf(':'));
        String basic = Base64.getEncoder().encodeToString((providerId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        try {
            HttpStatus status = commandSide.get().uri("/api/v1/providers/{providerId}/credentials/current", providerId)
                    .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                    .exchange((request, response) -> HttpStatus.resolve(response.getStatusCode().value()));
            if (status == HttpStatus.OK) {
                return true;
            }
            if (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.NOT_FOUND) {
                return false;
            }
            throw new CredentialCheckUnavailable("the command side answered " + status + " to a credential check");
        } catch (RestClientException e) {
            throw new CredentialCheckUnavailable("the command side could not be asked to check a credential", e);
        }
    }

    @Override
    public String encode(CharSequence rawPassword) {
        throw new UnsupportedOperationException("a query node issues no secrets");
    }
}
