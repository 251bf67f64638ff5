package org.tend.gateway.web;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tend.gateway.config.RequestBodyProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses a request body over {@code tend.gateway.request-body.max-size} with a 413 problem that states the limit,
 * before security and routing, so that no service ever receives one.
 *
 * <p>A body that declares its length is judged by its {@code Content-Length} (Netty's codec holds a body to its
 * declared length, so one within the limit is relayed as it streams). A body that does not
 * ({@code Transfer-Encoding: chunked}) is read up to the limit: over it, it is refused; within it, it is relayed with
 * its length. At most the limit is held per request, never the whole of what a client sends.
 *
 * <p>Before answering 413, up to {@value #SWALLOW_BYTES} bytes more of the refused body are read and dropped (not
 * when the client waits for {@code 100 Continue}, so has sent nothing): a client that is still sending would
 * otherwise, on a connection that closes after the answer, get a reset instead of the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestBodyLimitFilter implements WebFilter {

    static final int SWALLOW_BYTES = 1024 * 1024;

    private final Problems problems;
    private final int maxBytes;

    public RequestBodyLimitFilter(Problems problems, RequestBodyProperties properties) {
        this.problems = problems;
        this.maxBytes = (int) properties.maxSize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        long declared = headers.getContentLength();
        if (declared > maxBytes) {
            boolean swallow = declared <= (long) maxBytes + SWALLOW_BYTES
                    && !"100-continue".equalsIgnoreCase(headers.getFirst(HttpHeaders.EXPECT));
            BoundedBody dropped = new BoundedBody(0, SWALLOW_BYTES + (long) maxBytes);
            return (swallow ? read(request, dropped) : Mono.<Void>empty()).then(Mono.defer(() -> tooLarge(exchange)));
        }
        if (declared >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        BoundedBody body = new BoundedBody(maxBytes, (long) maxBytes + SWALLOW_BYTES);
        return read(request, body).then(Mono.defer(() -> body.overLimit() ? tooLarge(exchange)
                : chain.filter(exchange.mutate().request(withLength(exchange, body.bytes())).build())));
    }

    /** Feeds the body to {@code into} until it says stop; passes nothing on (every buffer is released there). */
    private static Mono<Void> read(ServerHttpRequest request, BoundedBody into) {
        return request.getBody().<Void>handle((buffer, sink) -> {
            if (!into.take(buffer)) {
                sink.complete();
            }
        }).then();
    }

    /**
     * Keeps the first {@code keep} bytes of a body on the heap, counts the rest, and releases every buffer as it
     * comes (so nothing leaks whether or not the body is relayed); says stop once {@code readAtMost} are read.
     */
    private static final class BoundedBody {

        private final int keep;
        private final long readAtMost;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long seen;

        BoundedBody(int keep, long readAtMost) {
            this.keep = keep;
            this.readAtMost = readAtMost;
        }

        boolean take(DataBuffer buffer) {
            try {
                int size = buffer.readableByteCount();
                if (seen + size <= keep) {
                    byte[] bytes = new byte[size];
                    buffer.read(bytes);
                    kept.writeBytes(bytes);
                }
                seen += size;
                return seen < readAtMost;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }

        boolean overLimit() {
            return seen > keep;
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }

    private static ServerHttpRequest withLength(ServerWebExchange exchange, byte[] body) {
        DataBufferFactory buffers = exchange.getResponse().bufferFactory();
        ServerHttpRequest framed = exchange.getRequest().mutate().headers(headers -> {
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
            headers.setContentLength(body.length);
        }).build();
        return new ServerHttpRequestDecorator(framed) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(buffers.wrap(body)));
            }
        };
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "The request body is larger than the gateway accepts (" + maxBytes + " bytes); nothing was forwarded",
                Map.of("maxBodyBytes", maxBytes));
    }
}
