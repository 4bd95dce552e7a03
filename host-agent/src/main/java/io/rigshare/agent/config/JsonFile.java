package io.rigshare.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rigshare.protocol.wire.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** One small JSON state file holding one record, written atomically with mode 0600. */
public final class JsonFile<T> {
  private final Path file;
  private final Class<T> type;

  public JsonFile(Path file, Class<T> type) {
    this.file = file;
    this.type = type;
  }

  public Path file() {
    return file;
  }

  /** The record; empty when the file does not exist. A damaged file is a {@link SetupException}. */
  public Optional<T> read() {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new SetupException("cannot read " + file + ": " + e.getMessage(), "check the permissions of " + file);
    }
    try {
      return Optional.of(Wire.mapper().readValue(json, type));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new SetupException(file + " is damaged: " + e.getMessage().lines().findFirst().orElse(""), "restore or delete " + file);
    }
  }

  public void write(T value) throws IOException {
    AtomicFiles.write(file, Wire.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n");
  }
}
