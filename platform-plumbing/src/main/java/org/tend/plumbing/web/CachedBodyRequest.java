package org.tend.plumbing.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.WebUtils;

/**
 * A request whose body has been read, within its limit, by {@link RequestBodyLimitFilter}: its bytes are served from
 * memory to whoever reads next (Spring MVC's message converters), and {@link #body()} gives them to the filters that
 * need the body as a whole (the {@link org.tend.plumbing.idempotency.IdempotencyFilter}'s fingerprint).
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {

    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
    }

    /** The body as it came (empty when there was none); do not modify. */
    public byte[] body() {
        return body;
    }

    /** A request whose body has been read already: {@code body} is served to whoever reads next. */
    public static CachedBodyRequest of(HttpServletRequest request, byte[] body) {
        return new CachedBodyRequest(request, body);
    }

    /** The cached body of this request, wherever it sits in a chain of wrappers; null if it was never read. */
    public static byte[] bodyOf(HttpServletRequest request) {
        CachedBodyRequest cached = WebUtils.getNativeRequest(request, CachedBodyRequest.class);
        return cached == null ? null : cached.body;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("the body has already been read");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
