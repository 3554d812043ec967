package io.chariot.load.gatling;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformSamplerTest {

    @Test
    void anActuatorMetricAnswerGivesItsValue() throws IOException {
        String body = """
                {"name":"jvm.memory.used","baseUnit":"bytes","measurements":[{"statistic":"VALUE","value":1.234E8}],
                 "availableTags":[{"tag":"id","values":["PS Eden Space","PS Old Gen"]}]}""";
        assertThat(PlatformSampler.metric(body)).isEqualTo(1.234E8);
        assertThatThrownBy(() -> PlatformSampler.metric("{\"measurements\":[]}")).isInstanceOf(IOException.class);
    }

    @Test
    void theAdminAnswerIsSummedPerStore() throws IOException {
        String body = """
                {"projections":[
                  {"name":"dynamodb-assets","store":"dynamodb","state":"live","lag":3},
                  {"name":"dynamodb-risks","store":"dynamodb","state":"live","lag":4},
                  {"name":"neo4j-graph","store":"neo4j","state":"replaying","lag":120},
                  {"name":"redis-counts","store":"redis","state":"live","lag":null}]}""";
        assertThat(PlatformSampler.lagByStore(body)).isEqualTo(Map.of("dynamodb", 7L, "neo4j", 120L, "redis", 0L));
        assertThatThrownBy(() -> PlatformSampler.lagByStore("{}")).isInstanceOf(IOException.class);
    }
}
