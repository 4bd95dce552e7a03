package io.rigshare.bench;

import io.rigshare.protocol.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the bench tools' {@code main}s share: parse the command line (the usage and exit code 2 when it is wrong or
 * {@code --help}), run (exit code 1 with the reason when that fails), and write the result as JSON and Markdown.
 */
final class BenchTool {
  private BenchTool() {}

  /** One run of a tool with its parsed options; returns the exit code. */
  interface Run<O> {
    int run(O options) throws Exception;
  }

  static <O> void main(String name, String usage, String[] args, Function<String[], O> parse, Run<O> run) {
    O options;
    try {
      options = parse.apply(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(name + ": " + e.getMessage());
      }
      System.err.print(usage);
      System.exit(2);
      return;
    }
    int code;
    try {
      code = run.run(options);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      System.err.println(name + " failed: " + e.getMessage()); // says what to do; no stack trace needed
      code = 1;
    } catch (Exception e) {
      System.err.println(name + " failed: " + e);
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  /** The result file: {@code --out}, else bench/target/NAME.json; its folder is created. */
  static Path outFile(Path out, String name) throws IOException {
    Path file = out != null ? out : Path.of("bench", "target", name + ".json");
    Files.createDirectories(file.toAbsolutePath().getParent());
    return file;
  }

  /** Writes {@code result} as JSON to {@code out} and {@code markdown} next to it (.md), and prints the Markdown. */
  static void write(Path out, Map<String, Object> result, String markdown) throws IOException {
    Files.writeString(out, Wire.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result),
        StandardCharsets.UTF_8);
    Path mdFile = Path.of(out.toString().replaceFirst("\\.json$", "") + ".md");
    Files.writeString(mdFile, markdown, StandardCharsets.UTF_8);
    System.out.print(markdown);
    System.out.println("JSON written to " + out + ", report to " + mdFile);
  }

  /** The machine a run measured on: its CPUs, the JVM, and the load average at the start. */
  static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    machine.put("loadAverageAtStart", AgentLoad.loadAverage());
    return machine;
  }
}
