package org.assemblybot.adapter.matrix

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.attribute.PosixFilePermissions

/** The store holds the access token and the encryption keys: its directory and files are owner-only (S3). */
internal object PrivateFiles {
    fun createDirectory(dir: Path) {
        Files.createDirectories(dir)
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"))
    }

    /** Trixnity and H2 create files with the default mode: narrow them after each step that may add one. */
    fun restrict(dir: Path) {
        Files.list(dir).use { files ->
            files.filter { Files.isRegularFile(it) }.forEach {
                Files.setPosixFilePermissions(it, PosixFilePermissions.fromString("rw-------"))
            }
        }
    }

    /** Writes [text] to [file], created 0600 from the start and moved into place in one step. */
    fun write(file: Path, text: String) {
        Files.createDirectories(file.parent)
        val tmp = file.resolveSibling(file.fileName.toString() + ".tmp")
        Files.deleteIfExists(tmp)
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        Files.writeString(tmp, text)
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE)
    }
}
