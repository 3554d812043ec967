package io.chariot.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuAccountingTest {

    @Test
    void threadsOfTheStackJvmAreAttributedToTheServerTheyWorkForByTheirProcName() {
        // Names as /proc/<pid>/task/<tid>/comm shows them in a running stack JVM (cut to 15 characters).
        assertThat(CpuAccounting.serverOf("SQLiteQueue[sha")).isEqualTo("dynamodb");
        assertThat(CpuAccounting.serverOf("qtp2147158766-2")).isEqualTo("dynamodb");
        assertThat(CpuAccounting.serverOf("data-plane-kafk")).isEqualTo("kafka");
        assertThat(CpuAccounting.serverOf("kafka-1-raft-io")).isEqualTo("kafka");
        assertThat(CpuAccounting.serverOf("quorum-controll")).isEqualTo("kafka");
        assertThat(CpuAccounting.serverOf("ExpirationReape")).isEqualTo("kafka");
        assertThat(CpuAccounting.serverOf("neo4j.BoltWorke")).isEqualTo("neo4j");
        assertThat(CpuAccounting.serverOf("MuninnPageCache")).isEqualTo("neo4j");
        assertThat(CpuAccounting.serverOf("GC Thread#0")).isEqualTo("jvm");
        assertThat(CpuAccounting.serverOf("VM Thread")).isEqualTo("jvm");
        assertThat(CpuAccounting.serverOf("java")).isEqualTo("rest");
    }
}
