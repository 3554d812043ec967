package io.chariot.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionLagTest {

    @Test
    void theLagOfEachStoreIsTheSumOfItsProjectionsAndProjectionsThatAreNotLiveAreNamed() throws Exception {
        String body = """
                {"projections":[
                  {"name":"assets-dynamodb","store":"dynamodb","state":"live","lag":12},
                  {"name":"accounts-dynamodb","store":"dynamodb","state":"live","lag":3},
                  {"name":"assets-neo4j","store":"neo4j","state":"retrying","lag":400},
                  {"name":"assets-redis","store":"redis","state":"live","lag":null}
                ]}""";
        ProjectionLag.Sample s = ProjectionLag.parse(body);
        assertThat(s.byStore()).containsEntry("dynamodb", 15L).containsEntry("neo4j", 400L).containsEntry("redis", 0L);
        assertThat(s.byProjection()).containsEntry("assets-dynamodb", 12L).hasSize(4);
        assertThat(s.notLive()).containsOnlyKeys("assets-neo4j");
        assertThat(s.storeOf()).containsEntry("assets-redis", "redis").hasSize(4);
        assertThat(s.lagUnknown()).containsOnly("assets-redis");
    }
}
