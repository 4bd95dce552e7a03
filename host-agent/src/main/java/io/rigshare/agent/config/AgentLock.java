package io.rigshare.agent.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One agent per data directory. Two agents with the same node key would take turns on the server, each connection
 * replacing the other (close code 4000); {@code agent.lock} stops the second before it connects. The operating
 * system drops the lock when the process ends, however it ends, so a crash leaves nothing to clean up.
 */
public final class AgentLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private AgentLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static AgentLock acquire(Path dataDir) {
    Path file = dataDir.resolve("agent.lock");
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
        channel.close();
        throw new SetupException(
            "another agent is running with " + dataDir + (holder.isEmpty() ? "" : " (pid " + holder + ")"),
            "stop that agent first, or give this one its own --data-dir");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
      return new AgentLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new SetupException("cannot lock " + file + ": " + e.getMessage(), "make " + dataDir + " writable");
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this same process
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }
}
