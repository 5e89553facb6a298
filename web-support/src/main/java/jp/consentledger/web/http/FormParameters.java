package jp.consentledger.web.http;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a request whose body {@link RequestBodyLimitFilter} has already read: the servlet container
 * can no longer parse a form body it no longer has, so the query string's parameters (the container's) are
 * joined here by those of an {@code application/x-www-form-urlencoded} body (the console's form posts).
 * A body sent with that type to a JSON endpoint is refused there as before (415): its parameters are never read.
 */
final class FormParameters {
    private FormParameters() {
    }

    static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    static Map<String, String[]> merge(Map<String, String[]> fromQuery, byte[] body, Charset charset) {
        Map<String, List<String>> merged = new LinkedHashMap<>();
        fromQuery.forEach((name, values) -> merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.of(values)));
        String form = new String(body, charset);
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
            } catch (IllegalArgumentException malformedEscape) {
                continue;
            }
            if (printable(name) && printable(value)) {
                merged.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        merged.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * What Spring Security's firewall admits in a parameter: a pair no form sends (a control character, an
     * unassigned code point, a broken escape) is left out rather than failing the request later as a 500.
     */
    private static boolean printable(String text) {
        return text.codePoints().allMatch(c -> !Character.isISOControl(c) && Character.isDefined(c));
    }
}
