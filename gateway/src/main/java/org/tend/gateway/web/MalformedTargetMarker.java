package org.tend.gateway.web;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * Runs on each request right after Netty's HTTP decoder, before anything of Spring's: a target that breaks
 * {@link RequestTargetRules} gets the violation in the {@value MalformedRequestFilter#MARK} header and is replaced by
 * its path with every doubtful character escaped (which parses; the query is dropped), so that
 * {@link MalformedRequestFilter} can answer it as a problem. Every other request loses that header, so a client
 * cannot set it.
 */
@ChannelHandler.Sharable
final class MalformedTargetMarker extends ChannelInboundHandlerAdapter {

    static final String NAME = "tend.malformedTargetMarker";

    private static final String PATH_CHARACTERS = "-._~!$&'()*+,=:@/";

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // A request line Netty could not decode is answered by reactor-netty itself.
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            request.headers().remove(MalformedRequestFilter.MARK);
            RequestTargetRules.checkTarget(request.uri()).ifPresent(violation -> {
                request.headers().set(MalformedRequestFilter.MARK, MalformedRequestFilter.mark(violation));
                request.setUri(parseablePath(request.uri()));
            });
        }
        ctx.fireChannelRead(msg);
    }

    /** The target's path, keeping RFC 3986 path characters and well-formed escapes and escaping everything else. */
    static String parseablePath(String target) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        if (!path.startsWith("/")) {
            return "/";
        }
        StringBuilder safe = new StringBuilder(path.length() + 16);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean keep = c == '%'
                    ? i + 2 < path.length() && hex(path.charAt(i + 1)) && hex(path.charAt(i + 2))
                    : (c < 0x80 && Character.isLetterOrDigit(c)) || PATH_CHARACTERS.indexOf(c) >= 0;
            if (keep) {
                safe.append(c);
            } else if (c <= 0xFF) {
                // Netty reads the request line byte by byte, one char per byte: this escapes the byte as sent.
                escape(safe, c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    escape(safe, b & 0xFF);
                }
            }
        }
        return safe.toString();
    }

    private static void escape(StringBuilder into, int octet) {
        into.append('%').append(Character.toUpperCase(Character.forDigit(octet >> 4, 16)))
                .append(Character.toUpperCase(Character.forDigit(octet & 0xF, 16)));
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
