package jp.consentledger.query.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every console page shows around its content: who is signed in, the language switch, how current it is. */
@ControllerAdvice(basePackages = "jp.consentledger.query.console")
class ConsolePageModel {
    private final ObjectProvider<Freshness> freshness;

    ConsolePageModel(ObjectProvider<Freshness> freshness) {
        this.freshness = freshness;
    }

    @ModelAttribute("viewer")
    Viewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return Viewer.of(authentication);
    }

    @ModelAttribute("freshness")
    Freshness.Reading freshness() {
        Freshness reader = freshness.getIfAvailable();
        return reader == null ? null : reader.now();
    }

    @ModelAttribute("langJa")
    String japanese(HttpServletRequest request) {
        return withLanguage(request, "ja");
    }

    @ModelAttribute("langEn")
    String english(HttpServletRequest request) {
        return withLanguage(request, "en");
    }

    /** This page again, in another language: its path and query as the browser sent them, lang replaced. */
    private static String withLanguage(HttpServletRequest request, String lang) {
        try {
            return UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString())
                    .replaceQueryParam("lang", lang).build(true).toUriString();
        } catch (IllegalArgumentException unencodedQuery) {
            return request.getRequestURI() + "?lang=" + lang;
        }
    }
}
