package io.rigshare.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuAffinityTest {
  @Test
  void parsesKernelCpuLists() {
    assertThat(CpuAffinity.parse("\t0-3,8,10-11\n")).containsExactly(0, 1, 2, 3, 8, 10, 11);
    assertThat(CpuAffinity.parse("5")).containsExactly(5);
  }

  @Test
  void aJobGetsTheFirstCpusTheAgentMayUse() {
    assertThat(CpuAffinity.first(List.of(4, 5, 6, 7), 2)).isEqualTo("4,5");
    assertThat(CpuAffinity.first(List.of(0, 1), 8)).isEqualTo("0,1");
  }

  @Test
  void thisProcessMayUseSomeCpu() {
    assertThat(CpuAffinity.ofThisProcess()).isNotEmpty();
  }
}
