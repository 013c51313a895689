package org.assemblybot.adapter.matrix

import java.nio.file.Files
import java.nio.file.Path
import java.sql.DriverManager
import java.sql.SQLException

/**
 * Checks of the Matrix store (Trixnity's H2 file under `<data_dir>/matrix`) for the `verify` command. Nothing
 * here writes to the store: the file is opened read-only, and only when no bot is using it.
 */
object MatrixStore {
    /** The H2 file of the store in [storeDir]. */
    @JvmStatic
    fun file(storeDir: Path): Path = MatrixSession.storeFile(storeDir)

    /**
     * The problems found in the store under [storeDir]; empty when it is sound. The file must exist, be
     * readable and start like an H2 file. With [readEveryTable] (the bot is not running: H2 allows one process
     * per file) it is also opened read-only and every table is read through, which makes H2 check the
     * checksums of every page it touches.
     */
    @JvmStatic
    fun verify(storeDir: Path, readEveryTable: Boolean): List<String> {
        val file = file(storeDir)
        if (!Files.isRegularFile(file)) return listOf("no Matrix store at $file")
        if (!Files.isReadable(file)) return listOf("the Matrix store $file is not readable")
        val header = Files.newInputStream(file).use { it.readNBytes(16) }
        if (!String(header, Charsets.ISO_8859_1).startsWith("H:2")) {
            return listOf("$file does not start like an H2 store file")
        }
        if (!readEveryTable) return emptyList()
        val base = file.toAbsolutePath().toString().removeSuffix(".mv.db")
        return try {
            DriverManager.getConnection("jdbc:h2:file:$base;ACCESS_MODE_DATA=r;IFEXISTS=TRUE;TRACE_LEVEL_FILE=0", "", "")
                .use { connection ->
                    val tables = connection.createStatement().use { st ->
                        st.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES " +
                                "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'").use { rs ->
                            generateSequence { if (rs.next()) rs.getString(1) else null }.toList()
                        }
                    }
                    if (tables.isEmpty()) return listOf("the Matrix store $file has no tables")
                    tables.mapNotNull { table ->
                        try {
                            connection.createStatement().use { st ->
                                st.executeQuery("SELECT * FROM \"${table.replace("\"", "\"\"")}\"").use { rs ->
                                    while (rs.next()) {
                                        // reading every row makes H2 load (and checksum) every page
                                    }
                                }
                            }
                            null
                        } catch (e: SQLException) {
                            "table $table of the Matrix store cannot be read: ${e.message?.lineSequence()?.first()}"
                        }
                    }
                }
        } catch (e: SQLException) {
            listOf("the Matrix store $file cannot be opened: ${e.message?.lineSequence()?.first()}")
        }
    }
}
