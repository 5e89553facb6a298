package jp.consentledger.query.tokencheck;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * A token check's answer leaves in one write with a Content-Length. Jackson flushes the stream after
 * serializing, which made Tomcat commit the response chunked and send the body and the final chunk
 * as two writes (two packets, two wake-ups of the gateway) for every check. With that flush ignored,
 * Tomcat finds the whole answer in its buffer at the end of the request and sends it at once.
 */
@Configuration(proxyBeanMethods = false)
class SingleWriteResponses {

    /** A plain filter (registered for requests, not error dispatches): no once-per-request bookkeeping on the hot path. */
    @Bean
    FilterRegistrationBean<Filter> tokenCheckSingleWrite() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) ->
                chain.doFilter(request, new NoEarlyFlush((HttpServletResponse) response)));
        registration.addUrlPatterns("/api/v1/token-checks");
        return registration;
    }

    private static final class NoEarlyFlush extends HttpServletResponseWrapper {
        private ServletOutputStream out;

        NoEarlyFlush(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                ServletOutputStream delegate = super.getOutputStream();
                out = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        delegate.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        delegate.write(b, off, len);
                    }

                    @Override
                    public void flush() {
                        // the container sends the buffer when the request completes
                    }

                    @Override
                    public boolean isReady() {
                        return delegate.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        delegate.setWriteListener(listener);
                    }
                };
            }
            return out;
        }

        @Override
        public void flushBuffer() {
            // as above
        }
    }
}
