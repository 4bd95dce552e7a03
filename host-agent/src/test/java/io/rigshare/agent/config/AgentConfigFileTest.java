package io.rigshare.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigFileTest {
  @TempDir Path dir;

  @Test
  void firstUseWritesCommentedDefaultsThatLoadAsTheDefaults() throws Exception {
    AgentConfigFile file = new AgentConfigFile(dir.resolve("agent.properties"));
    AgentConfig config = file.loadOrCreate();

    assertThat(config).isEqualTo(AgentConfig.defaults());
    String text = Files.readString(file.file());
    for (String key : new String[] {"api.url=", "heartbeat.override.seconds=", "limits.max.cpu.cores=",
        "limits.max.memory.bytes=", "runners.allowed=container,process", "log.level=INFO"}) {
      assertThat(text).contains("\n" + key);
    }
    assertThat(text).contains("# Hard ceilings this host accepts");
  }

  @Test
  void loadWithoutAFileGivesDefaultsAndCreatesNothing() {
    AgentConfigFile file = new AgentConfigFile(dir.resolve("agent.properties"));
    assertThat(file.load()).isEqualTo(AgentConfig.defaults());
    assertThat(Files.exists(file.file())).isFalse();
  }

  @Test
  void readsEditedValues() throws Exception {
    AgentConfigFile file = new AgentConfigFile(dir.resolve("agent.properties"));
    Files.writeString(file.file(), """
        api.url=https://rigshare.example/
        heartbeat.override.seconds=5
        limits.max.cpu.cores=4
        limits.max.memory.bytes=8_589_934_592
        runners.allowed=container
        log.level=debug
        """);

    assertThat(file.load()).isEqualTo(
        new AgentConfig("https://rigshare.example", 5, 4, 8_589_934_592L, Set.of("container"), "DEBUG"));
  }

  @Test
  void refusesBadValuesNamingTheKeyAndFile() throws Exception {
    AgentConfigFile file = new AgentConfigFile(dir.resolve("agent.properties"));
    Files.writeString(file.file(), "limits.max.cpu.cores=lots\n");
    assertThatThrownBy(file::load).isInstanceOf(SetupException.class)
        .hasMessageContaining("limits.max.cpu.cores is 'lots'").hasMessageContaining(file.file().toString());

    Files.writeString(file.file(), "runners.allowed=container,vm\n");
    assertThatThrownBy(file::load).hasMessageContaining("runners.allowed");

    Files.writeString(file.file(), "heartbeat.override.seconds=0\n");
    assertThatThrownBy(file::load).hasMessageContaining("at least 1");

    Files.writeString(file.file(), "api.url=ftp://x\n");
    assertThatThrownBy(file::load).hasMessageContaining("http:// or https://");
  }

  @Test
  void settingTheApiUrlKeepsTheHostsOtherLinesAndComments() throws Exception {
    AgentConfigFile file = new AgentConfigFile(dir.resolve("agent.properties"));
    file.loadOrCreate();
    Files.writeString(file.file(), Files.readString(file.file()).replace("limits.max.cpu.cores=",
        "# mine\nlimits.max.cpu.cores=6"));

    file.setApiUrl("http://localhost:8080");
    file.setApiUrl("http://127.0.0.1:8080");

    String text = Files.readString(file.file());
    assertThat(text).contains("# mine\nlimits.max.cpu.cores=6").contains("# Hard ceilings");
    assertThat(text.lines().filter(l -> l.startsWith("api.url"))).containsExactly("api.url=http://127.0.0.1:8080");
    assertThat(file.load().apiUrl()).isEqualTo("http://127.0.0.1:8080");
    assertThat(file.load().maxCpuCores()).isEqualTo(6);
  }
}
