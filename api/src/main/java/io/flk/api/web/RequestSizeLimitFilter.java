package io.flk.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses bodies over {@code flk.api.max-request-bytes}: declared ones at once, chunked ones while read. Billing
 * file uploads are the one exception, bounded by {@code flk.billing.max-upload-bytes} instead.
 */
@Component
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final String BILLING_IMPORTS = "/api/v1/billing/imports";

    private final long defaultMaxBytes;
    private final long uploadMaxBytes;
    private final ProblemResponses problems;

    public RequestSizeLimitFilter(@Value("${flk.api.max-request-bytes:1048576}") long maxBytes,
                                  @Value("${flk.billing.max-upload-bytes:4294967296}") long uploadMaxBytes,
                                  ProblemResponses problems) {
        this.defaultMaxBytes = maxBytes;
        this.uploadMaxBytes = uploadMaxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long maxBytes = "POST".equals(request.getMethod()) && BILLING_IMPORTS.equals(request.getRequestURI())
                ? uploadMaxBytes : defaultMaxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "The request body exceeds " + maxBytes + " bytes", null);
            return;
        }
        try {
            chain.doFilter(new LimitedRequest(request, maxBytes), response);
        } catch (IOException | ServletException | RuntimeException e) {
            // A filter that reads the body itself (IdempotencyFilter hashes it) is outside MVC's error handling.
            if (!causedByTooLarge(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "The request body exceeds " + maxBytes + " bytes", null);
        }
    }

    private static boolean causedByTooLarge(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLarge) {
                return true;
            }
        }
        return false;
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream delegate = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int next = delegate.read();
                    if (next >= 0) {
                        count(1);
                    }
                    return next;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = delegate.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > maxBytes) {
                        throw new RequestTooLarge(maxBytes);
                    }
                }

                @Override
                public boolean isFinished() {
                    return delegate.isFinished();
                }

                @Override
                public boolean isReady() {
                    return delegate.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    delegate.setReadListener(listener);
                }
            };
        }
    }
}
