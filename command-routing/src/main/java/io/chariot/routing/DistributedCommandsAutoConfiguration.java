package io.chariot.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.DistributedCommandBus;
import org.axonframework.commandhandling.distributed.UnresolvedRoutingKeyPolicy;
import org.axonframework.config.Configuration;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsConnector;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.tracing.SpanFactory;
import org.jgroups.JChannel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.util.concurrent.TimeUnit;

/**
 * {@code chariot.commands.distributed.enabled=true}: the deployment's instances share its commands through Axon's
 * {@link DistributedCommandBus} over JGroups (ADR 0025). Each command goes to the instance that owns its aggregate
 * (consistent hashing on {@code @TargetAggregateIdentifier}), whose local bus — the one the embedded platform uses,
 * with its interceptors — handles it. Off by default: without this, the local bus is the command bus.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnClass(JGroupsConnector.class)
@ConditionalOnProperty(name = "chariot.commands.distributed.enabled", havingValue = "true")
@EnableConfigurationProperties(DistributedCommandsProperties.class)
public class DistributedCommandsAutoConfiguration {

    @Bean(destroyMethod = "close")
    static JChannel commandChannel(DistributedCommandsProperties properties) throws Exception {
        return ClusterChannel.create(properties);
    }

    @Bean
    static CommandOwners commandOwners() {
        return new CommandOwners();
    }

    @Bean(destroyMethod = "disconnect")
    static JGroupsConnector jgroupsConnector(@Qualifier("localSegment") CommandBus localSegment, JChannel channel,
                                             @Qualifier("messageSerializer") Serializer serializer,
                                             CommandOwners owners, Configuration axon,
                                             DistributedCommandsProperties properties) throws Exception {
        return join(localSegment, channel, serializer, owners, axon.spanFactory(), properties);
    }

    /**
     * The command bus every sender and every handler subscription uses. Handler interceptors registered on it go to
     * the local segment (rejections as details, written events, correlation data); dispatch interceptors run here,
     * once, in the sender's process.
     */
    @Bean
    @Primary
    static DistributedCommandBus distributedCommandBus(JGroupsConnector connector,
                                                       @Qualifier("localSegment") CommandBus localSegment,
                                                       JChannel channel, Configuration axon,
                                                       DistributedCommandsProperties properties) {
        return commandBus(connector, localSegment, channel, axon.getComponent(CommandBusSpanFactory.class),
                properties);
    }

    @Bean
    static MembershipAnnouncements membershipAnnouncements(DistributedCommandBus bus,
                                                           DistributedCommandsProperties properties) {
        return new MembershipAnnouncements(bus, properties.loadFactor(), properties.announceInterval());
    }

    /**
     * Joins the cluster before the application starts, so that it never takes a request it cannot route. Replies
     * travel serialised with the message serializer: a rejection as its details, the written events as metadata.
     */
    static JGroupsConnector join(CommandBus localSegment, JChannel channel, Serializer serializer,
                                 CommandOwners owners, SpanFactory spans, DistributedCommandsProperties properties)
            throws Exception {
        JGroupsConnector connector = JGroupsConnector.builder()
                .localSegment(localSegment)
                .channel(channel)
                .clusterName(properties.clusterName())
                .serializer(serializer)
                // every command names its aggregate; one that does not is a bug, not a command to place at random
                .routingStrategy(AnnotationRoutingStrategy.builder()
                        .fallbackRoutingStrategy(UnresolvedRoutingKeyPolicy.ERROR).build())
                .consistentHashChangeListener(owners)
                .spanFactory(spans)
                .build();
        connector.connect();
        if (!connector.awaitJoined(properties.joinTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("did not join the command cluster " + properties.clusterName()
                    + " within " + properties.joinTimeout());
        }
        return connector;
    }

    static DistributedCommandBus commandBus(JGroupsConnector connector, CommandBus localSegment, JChannel channel,
                                            CommandBusSpanFactory spans, DistributedCommandsProperties properties) {
        DistributedCommandBus bus = DistributedCommandBus.builder()
                .commandRouter(connector)
                .connector(new LocalFirstConnector(connector, localSegment, channel))
                .spanFactory(spans)
                .build();
        bus.updateLoadFactor(properties.loadFactor());
        return bus;
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Web {

        @Bean
        OwnerUnavailableHandling ownerUnavailableHandling(ObjectProvider<ObjectMapper> json) {
            return new OwnerUnavailableHandling(json.getIfAvailable(ObjectMapper::new));
        }
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Endpoints {

        @Bean
        CommandRoutingEndpoint commandRoutingEndpoint(JChannel channel, CommandOwners owners) {
            return new CommandRoutingEndpoint(channel, owners);
        }
    }
}
