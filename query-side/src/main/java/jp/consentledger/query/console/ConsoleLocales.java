package jp.consentledger.query.console;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.util.List;
import java.util.Locale;

/**
 * Japanese or English: the browser's Accept-Language until the person picks one ({@code ?lang=ja|en}), which
 * a cookie then remembers (the ledger keeps no session). Anything else is shown in English.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleLocales implements WebMvcConfigurer {
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE);

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();
        browser.setSupportedLocales(SUPPORTED);
        browser.setDefaultLocale(Locale.ENGLISH);
        CookieLocaleResolver chosen = new CookieLocaleResolver("consent-ledger-lang");
        chosen.setDefaultLocaleFunction(browser::resolveLocale);
        return chosen;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(new SupportedOnly(change)).addPathPatterns("/", "/console", "/console/**");
    }

    /** Only ja and en may be chosen, so the page's lang attribute always names the language it is written in. */
    private record SupportedOnly(LocaleChangeInterceptor change) implements HandlerInterceptor {
        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                throws ServletException {
            String lang = request.getParameter(change.getParamName());
            return lang == null || SUPPORTED.stream().noneMatch(l -> l.getLanguage().equals(lang))
                    || change.preHandle(request, response, handler);
        }
    }
}
