package org.tend.gateway.web;

import io.netty.channel.ChannelPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import reactor.netty.NettyPipeline;

/** What lets every request the gateway cannot accept be answered as a problem rather than with an empty 400. */
@Configuration(proxyBeanMethods = false)
class RequestParsingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RequestParsingConfiguration.class);

    /** {@link MalformedTargetMarker} right after the HTTP/1.1 codec of every connection. */
    @Bean
    NettyServerCustomizer malformedTargetMarker() {
        MalformedTargetMarker marker = new MalformedTargetMarker();
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(MalformedTargetMarker.NAME) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, MalformedTargetMarker.NAME, marker);
            }
        });
    }

    /**
     * Spring Security's firewall refuses what {@link RequestTargetRules} leave to it (a control character in a
     * header value, an unknown method) with an empty 400; this gives that refusal a problem body.
     */
    @Bean
    ServerExchangeRejectedHandler firewallRefusalsAsProblems(Problems problems) {
        return (exchange, refused) -> {
            log.debug("request refused by the firewall: {}", refused.getMessage());
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "malformed-request",
                    "The request contains something that no Tend API accepts; nothing was forwarded");
        };
    }
}
