package dev.backlane.server.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data directory of the embedded store, held by one Backlane at a time: the SQLite database
 * {@code backlane.db} (with its {@code -wal} file) and {@code backlane.lock}, on which the holder keeps
 * an operating-system file lock. SQLite itself lets several processes open one database, and the lock
 * dies with its process, so a killed server never leaves the directory locked.
 */
final class DataDirectory implements AutoCloseable {
    private static final String DATABASE = "backlane.db";
    private static final String LOCK = "backlane.lock";
    /** The file of the H2 store that Backlane used before SQLite. */
    private static final String H2_DATABASE = "backlane.mv.db";

    /** Directories held in this process: the OS lock is per process, so it cannot stop a second holder here. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = requireNonNull(path, "path is null");
        this.lockChannel = requireNonNull(lockChannel, "lockChannel is null");
        this.lock = requireNonNull(lock, "lock is null");
    }

    /** Creates the directory if need be and locks it; refuses one in use, or written by the H2 store. */
    static DataDirectory hold(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new StoreException("cannot use the data directory " + absolute + ": " + e.getFile() + " exists and is not a directory", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new StoreException("cannot use the data directory " + absolute + ": permission denied on " + e.getFile(), e);
        } catch (IOException e) {
            throw new StoreException("cannot use the data directory " + absolute + ": " + e.getMessage(), e);
        }
        if (Files.exists(absolute.resolve(H2_DATABASE))) {
            throw new StoreException("the data directory " + absolute + " holds a store written by an older Backlane (H2, "
                    + H2_DATABASE + "); this Backlane keeps its state in SQLite (" + DATABASE + ") and cannot read it. "
                    + "Export the state with the older Backlane (backlane export FILE --data-dir " + absolute
                    + ") and load it here with backlane import-state FILE, or delete the directory to start afresh");
        }
        if (!HELD.add(absolute)) {
            throw inUse(absolute);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(absolute.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(absolute);
            }
            DataDirectory held = new DataDirectory(absolute, channel, lock);
            held.refuseTruncatedDatabase();
            return held;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            HELD.remove(absolute);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("cannot lock the data directory " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static StoreException inUse(Path absolute) {
        return new StoreException("cannot open the data directory " + absolute + ": it is in use"
                + " (another Backlane is using this data directory; stop it or use another --data-dir)");
    }

    private void refuseTruncatedDatabase() throws IOException {
        Path database = database();
        // SQLite takes an empty file for an empty database; Backlane never leaves one (see create), so it is damage.
        if (Files.exists(database) && Files.size(database) == 0) {
            throw new StoreException("the store " + database + " is empty (a damaged or truncated file); "
                    + "restore it from a backup or move it aside to start afresh");
        }
    }

    Path path() {
        return path;
    }

    Path database() {
        return path.resolve(DATABASE);
    }

    boolean hasDatabase() {
        return Files.exists(database());
    }

    /** Where a new database is prepared before {@link #install} moves it into place. */
    Path fresh() throws IOException {
        Path fresh = path.resolve(DATABASE + ".new");
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Files.deleteIfExists(path.resolve(fresh.getFileName() + suffix));
        }
        return fresh;
    }

    /**
     * Moves a prepared database into place in one step, so a crash during the first start leaves either
     * no database or a whole one, never an empty file that would pass for an empty store.
     */
    void install(Path fresh) throws IOException {
        try (FileChannel file = FileChannel.open(fresh, StandardOpenOption.WRITE)) {
            file.force(true);
        }
        Files.move(fresh, database(), StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(path, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some systems (Windows) cannot open a directory; there the file system journals the rename itself.
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it too.
        } finally {
            closeQuietly(lockChannel);
            HELD.remove(path);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more can be done with a channel that will not close; its lock goes with the process.
        }
    }
}
