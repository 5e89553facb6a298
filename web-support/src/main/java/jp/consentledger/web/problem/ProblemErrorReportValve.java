package jp.consentledger.web.problem;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's own error page (HTML), for requests it refuses before any servlet sees them (a URL
 * with an encoded NUL or slash, say), replaced by problem details like every other error.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = known == null ? "HTTP_" + status : known.name();
        String title = known == null ? "Error" : known.getReasonPhrase();
        String json = "{\"type\":\"urn:consent-ledger:problem:" + code.toLowerCase().replace('_', '-') + "\",\"title\":\""
                + title + "\",\"status\":" + status + ",\"detail\":\"The request was rejected before it reached the ledger.\""
                + ",\"code\":\"" + code + "\"}";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is closed: nothing more to say.
        }
    }

    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
