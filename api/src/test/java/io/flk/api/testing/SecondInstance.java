package io.flk.api.testing;

import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * For a second Spring context on the JVM's shared database, which runs like a second instance of the app. Axon
 * names a token owner after the JVM, which both contexts share; a node id of its own makes this context compete
 * for processor segments instead of believing it already holds the other one's, and so handling every event twice.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SecondInstance {

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema schema) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(schema)
                .nodeId("second-instance-" + UUID.randomUUID())
                .build();
    }
}
