package io.chariot.infra.local.servers;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive OS lock on {@code <work>/stack.lock}, held while a stack runs there. The kernel drops it when the
 * process dies, so a killed stack never leaves a stale lock to recognise; the file itself stays and means nothing.
 */
final class WorkDirLock implements AutoCloseable {

    private final FileChannel channel;

    private WorkDirLock(FileChannel channel) {
        this.channel = channel;
    }

    static Optional<WorkDirLock> tryAcquire(Path workDir) throws IOException {
        FileChannel channel = FileChannel.open(workDir.resolve("stack.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM already
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new WorkDirLock(channel));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
