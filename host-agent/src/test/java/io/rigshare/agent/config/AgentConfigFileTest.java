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
        "limits.max.memory.bytes=", "runners.allowed=container,process", "log.level=INFO", "jobs.user=nobody",
        "jobs.network.allowed=false", "jobs.max.concurrent=4", "jobs.max.output.bytes=67108864",
        "jobs.kill.grace.seconds=10"}) {
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
        jobs.user=rigshare-jobs
        jobs.network.allowed=TRUE
        jobs.max.concurrent=2
        jobs.max.output.bytes=1_048_576
        jobs.kill.grace.seconds=3
        """);

    assertThat(file.load()).isEqualTo(
        new AgentConfig("https://rigshare.example", 5, 4, 8_589_934_592L, Set.of("container"), "DEBUG",
            new AgentConfig.Jobs("rigshare-jobs", true, 2, 1_048_576L, 3)));
  }

  @Test
  void blankJobSettingsMeanTheDefaults() throws Exception {
    AgentConfigFile file = new AgentConfigFile(dir.resolve("agent.properties"));
    Files.writeString(file.file(), "jobs.user=\njobs.max.concurrent=\njobs.network.allowed=\n");

    assertThat(file.load().jobs()).isEqualTo(AgentConfig.Jobs.defaults());
  }

  @Test
  void refusesBadJobSettingsNamingTheKey() throws Exception {
    AgentConfigFile file = new AgentConfigFile(dir.resolve("agent.properties"));
    Files.writeString(file.file(), "jobs.user=root\n");
    assertThatThrownBy(file::load).isInstanceOf(SetupException.class)
        .hasMessageContaining("jobs.user is 'root'").hasMessageContaining("never run as root");

    Files.writeString(file.file(), "jobs.user=a b\n");
    assertThatThrownBy(file::load).hasMessageContaining("jobs.user");

    Files.writeString(file.file(), "jobs.network.allowed=yes\n");
    assertThatThrownBy(file::load).hasMessageContaining("jobs.network.allowed is 'yes'")
        .hasMessageContaining("true or false");

    Files.writeString(file.file(), "jobs.max.concurrent=0\n");
    assertThatThrownBy(file::load).hasMessageContaining("jobs.max.concurrent").hasMessageContaining("at least 1");

    Files.writeString(file.file(), "jobs.max.output.bytes=lots\n");
    assertThatThrownBy(file::load).hasMessageContaining("jobs.max.output.bytes is 'lots'");

    Files.writeString(file.file(), "jobs.kill.grace.seconds=-1\n");
    assertThatThrownBy(file::load).hasMessageContaining("jobs.kill.grace.seconds");
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
