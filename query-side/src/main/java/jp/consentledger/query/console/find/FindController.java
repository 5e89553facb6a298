package jp.consentledger.query.console.find;

import jp.consentledger.kernel.ids.AccountId;
import jp.consentledger.kernel.ids.CustomerId;
import jp.consentledger.kernel.ids.LinkageId;
import jp.consentledger.kernel.ids.ProviderId;
import jp.consentledger.kernel.token.TokenHash;
import jp.consentledger.kernel.token.TokenHasher;
import jp.consentledger.query.audit.index.AuditHistory;
import jp.consentledger.query.console.Viewer;
import jp.consentledger.query.infrastructure.NotFoundException;
import jp.consentledger.query.role.FullNode;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's front door: find an account, a linkage, a provider's linkages, a customer's accounts, or the
 * linkage of a token. A token's hash may travel in a URL; a plain token only in this form's POST body, hashed
 * here and never shown or redirected with.
 */
@FullNode
@Controller
class FindController {
    enum Kind { ACCOUNT, LINKAGE, PROVIDER, CUSTOMER, TOKEN_HASH }

    private final AuditHistory history;
    private final TokenHasher hasher;

    FindController(AuditHistory history, TokenHasher hasher) {
        this.history = history;
        this.hasher = hasher;
    }

    @GetMapping("/console")
    String home(@ModelAttribute("viewer") Viewer viewer) {
        return viewer.ownProvider().map(p -> redirect("providers", p)).orElse("console/find");
    }

    @GetMapping("/console/find")
    String find(@RequestParam Kind kind, @RequestParam String q, @ModelAttribute("viewer") Viewer viewer) {
        String id = q.trim();
        if (viewer.provider() && kind != Kind.LINKAGE && kind != Kind.PROVIDER) {
            throw new IllegalArgumentException("A provider finds its own linkages by linkage id or its provider id.");
        }
        return switch (kind) {
            case ACCOUNT -> redirect("accounts", new AccountId(id).value());
            case LINKAGE -> redirect("linkages", new LinkageId(id).value());
            case PROVIDER -> redirect("providers", new ProviderId(id).value());
            case CUSTOMER -> redirect("customers", new CustomerId(id).value());
            case TOKEN_HASH -> byHash(TokenHash.of(id));
        };
    }

    @PostMapping("/console/find/token")
    String findByToken(@RequestParam String token) {
        String plain = token.trim();
        if (plain.isEmpty() || plain.length() > 256) {
            throw new IllegalArgumentException("A token is 1 to 256 characters.");
        }
        return byHash(hasher.hash(plain));
    }

    private String byHash(TokenHash hash) {
        return history.linkageByToken(hash).map(ref -> redirect("linkages", ref.linkageId().value()))
                .orElseThrow(() -> new NotFoundException("UNKNOWN_TOKEN", "No linkage was granted with this token."));
    }

    private static String redirect(String collection, String id) {
        return "redirect:" + UriComponentsBuilder.fromPath("/console/{collection}/{id}").buildAndExpand(collection, id)
                .encode().toUriString();
    }
}
