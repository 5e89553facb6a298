package jp.consentledger.query.gatewaylane;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.consentledger.query.introspection.IntrospectionAnswer;
import jp.consentledger.query.introspection.TokenIntrospectionController;
import jp.consentledger.query.tokencheck.TokenCheckController;
import jp.consentledger.query.tokencheck.TokenCheckController.TokenCheckRequest;
import jp.consentledger.web.http.RequestBodyLimitFilter.CachedBodyRequest;
import jp.consentledger.web.problem.ProblemResponses;
import jp.consentledger.web.security.ProblemAuthenticationHandlers;
import jp.consentledger.web.security.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The gateway's lane: the token check and introspection, served ahead of Spring Security's general filter
 * chain and Spring MVC's dispatch (which took most of a check's CPU), for a caller that presents HTTP Basic
 * credentials with the GATEWAY role. It authenticates through the same AuthenticationManager as the chain,
 * so through the same credential cache (no bcrypt on the hot path), calls the same controller methods (the
 * same rule, metrics and answers), and writes the answer in one piece with the headers the chain would add.
 * Whatever it does not serve itself (a bearer token, another role, malformed input, a model still catching
 * up, a content type to negotiate) goes on down the chain unchanged, which answers it as before with its
 * problem details; a wrong password is answered here, as the chain would, so it costs one hash, not two.
 */
final class GatewayLane implements Filter {
    static final String CHECKS = "/api/v1/token-checks";
    static final String INTROSPECTION = "/api/v1/token-introspection";
    private static final String GATEWAY_AUTHORITY = Role.GATEWAY.authority();
    private static final byte[] INACTIVE = "{\"active\":false}".getBytes(StandardCharsets.UTF_8);
    /** What Spring Security's header writers add to every answer of the chain. */
    private static final List<Map.Entry<String, String>> SECURITY_HEADERS = List.of(
            Map.entry("X-Content-Type-Options", "nosniff"), Map.entry("X-XSS-Protection", "0"),
            Map.entry(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate"),
            Map.entry(HttpHeaders.PRAGMA, "no-cache"), Map.entry(HttpHeaders.EXPIRES, "0"),
            Map.entry("X-Frame-Options", "DENY"));

    private final TokenCheckController checks;
    private final TokenIntrospectionController introspection;
    private final ObjectMapper json;
    private final ObjectReader checkRequests;
    private final ProblemAuthenticationHandlers problems;
    private volatile AuthenticationManager authentication;

    GatewayLane(TokenCheckController checks, TokenIntrospectionController introspection, ObjectMapper json, boolean bearer) {
        this.checks = checks;
        this.introspection = introspection;
        this.json = json;
        this.checkRequests = json.readerFor(TokenCheckRequest.class);
        this.problems = new ProblemAuthenticationHandlers(bearer);
    }

    /** The manager Spring Security's chain authenticates with (set once the chain is built). */
    void authenticateWith(AuthenticationManager manager) {
        this.authentication = manager;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        AuthenticationManager manager = authentication;
        String[] credentials = "POST".equals(request.getMethod()) && manager != null && acceptsJson(request)
                ? basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION)) : null;
        if (credentials == null) {
            chain.doFilter(request, response);
            return;
        }
        Authentication caller;
        try {
            caller = manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(credentials[0], credentials[1]));
        } catch (AuthenticationException e) {
            problems.commence(request, response, e);
            return;
        }
        if (caller.getAuthorities().stream().noneMatch(a -> GATEWAY_AUTHORITY.equals(a.getAuthority()))
                || !(request.getServletPath().equals(CHECKS) ? servedCheck(request, response)
                : servedIntrospection(request, response))) {
            chain.doFilter(request, response);
        }
    }

    private boolean servedCheck(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        if (cached == null || !hasType(request, "application/json")) {
            return false;
        }
        TokenCheckController.TokenCheckResponse answer;
        try {
            answer = checks.check(checkRequests.readValue(cached.body()));
        } catch (IOException | RuntimeException notOrdinary) {
            return false; // the chain answers it, with its problem details
        }
        write(response, 200, "application/json", json.writeValueAsBytes(answer));
        return true;
    }

    private boolean servedIntrospection(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!hasType(request, "application/x-www-form-urlencoded")) {
            return false;
        }
        ResponseEntity<?> answer;
        try {
            answer = introspection.introspect(request.getParameter("token"), request.getParameter("min_position"));
        } catch (RuntimeException notOrdinary) {
            return false;
        }
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (answer.getBody() instanceof ProblemDetail problem) {
            ProblemResponses.write(request, response, problem);
        } else {
            write(response, answer.getStatusCode().value(), "application/json",
                    answer.getBody() == IntrospectionAnswer.INACTIVE ? INACTIVE : json.writeValueAsBytes(answer.getBody()));
        }
        return true;
    }

    private static void write(HttpServletResponse response, int status, String contentType, byte[] body) throws IOException {
        response.setStatus(status);
        for (Map.Entry<String, String> header : SECURITY_HEADERS) {
            if (!response.containsHeader(header.getKey())) {
                response.setHeader(header.getKey(), header.getValue());
            }
        }
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** user and password of a well-formed Basic header, or null (then the chain decides). */
    static String[] basicCredentials(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static boolean acceptsJson(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept == null || accept.contains("application/json") || accept.contains("*/*");
    }

    private static boolean hasType(HttpServletRequest request, String type) {
        String contentType = request.getContentType();
        return contentType != null && contentType.regionMatches(true, 0, type, 0, type.length());
    }
}
