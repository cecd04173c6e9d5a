package cn.zjlm.federation.commons.persistence;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/**
 * Rows written with PostgreSQL's COPY on the connection of the current transaction, so they commit or roll back
 * with it: for writes of many thousands of rows, where an insert per row (even batched) costs ten times as much.
 * <p>
 * Rows go in COPY's text format. Buffered ({@link #CopyIn}): rows are kept and sent every {@code rowsPerCopy} rows,
 * so the connection is free for other statements in between (rows of other tables, reads). Streaming ({@link #streaming}): one COPY is
 * opened at the first row and rows are sent as they come, so PostgreSQL inserts while the caller prepares the next
 * ones; the connection is busy until {@link #flush}, so what the caller reads meanwhile must come from elsewhere.
 * Close it (try-with-resources) so that a failure half-way ends the COPY before the transaction rolls back.
 */
public final class CopyIn implements AutoCloseable {
    /** Characters of rows handed to the socket at a time while streaming, unless told otherwise. */
    public static final int STREAM_CHUNK = 64 * 1024;
    /** The table of the streaming COPY open on this thread, if any (see {@link OpenCopyGuard}). */
    private static final ThreadLocal<Stream> OPEN_ON_THIS_THREAD = new ThreadLocal<>();
    /** Values whose text is kept for the next row: immutable, their text a function of their value. */
    private static final List<Class<?>> REPEATED = List.of(Instant.class, BigDecimal.class, java.util.UUID.class,
            java.time.LocalDate.class, java.time.LocalDateTime.class, java.time.OffsetDateTime.class);

    private final Session session;
    private final String table;
    private final String statement;
    private final int columns;
    private final int rowsPerCopy;
    private final boolean streaming;
    private final int streamChunk;
    private final StringBuilder rows = new StringBuilder();
    private final Object[] lastValue;
    private final String[] lastText;
    private int buffered;
    private long written;
    private Stream open;

    public CopyIn(Session session, String table, List<String> columns, int rowsPerCopy) {
        this(session, table, columns, rowsPerCopy, false, 0);
    }

    private CopyIn(Session session, String table, List<String> columns, int rowsPerCopy, boolean streaming,
            int streamChunk) {
        if (rowsPerCopy < 1 || (streaming && streamChunk < 1)) {
            throw new IllegalArgumentException("rows per COPY and characters per chunk must be positive");
        }
        this.table = table;
        this.session = session;
        this.statement = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        this.columns = columns.size();
        this.lastValue = new Object[this.columns];
        this.lastText = new String[this.columns];
        this.rowsPerCopy = rowsPerCopy;
        this.streaming = streaming;
        this.streamChunk = streamChunk;
    }

    /**
     * One COPY for all rows, sent as they come, {@code chunk} characters at a time (see the class comment; tests
     * send every row at once, so the COPY is open while they run).
     */
    public static CopyIn streaming(Session session, String table, List<String> columns, int chunk) {
        return new CopyIn(session, table, columns, Integer.MAX_VALUE, true, chunk);
    }

    /** Throws if this thread has a streaming COPY open: a statement now would wait for it forever. */
    static void requireNoneOpen() {
        Stream open = OPEN_ON_THIS_THREAD.get();
        if (open != null && !open.copy.isActive()) { // ended without us (its connection was closed, say)
            OPEN_ON_THIS_THREAD.remove();
        } else if (open != null) {
            throw new IllegalStateException("a statement while rows are streamed into " + open.table
                    + " on the same connection would wait forever; read before the COPY or on another connection");
        }
    }

    /** One row, its values in the order of the columns: null is NULL, anything else is written as its text. */
    public void row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException(values.length + " values for " + columns + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                rows.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                rows.append("\\N");
            } else if (v instanceof String text) {
                appendEscaped(text);
            } else if (!REPEATED.contains(v.getClass())) {
                appendEscaped(v.toString());
            } else {
                if (!v.equals(lastValue[i])) { // a column often repeats its value (times, ids, amounts)
                    lastValue[i] = v;
                    lastText[i] = v instanceof Instant t ? t.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString() // rounded, as pgjdbc does
                            : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
                }
                appendEscaped(lastText[i]);
            }
        }
        rows.append('\n');
        buffered++;
        if (streaming) {
            if (rows.length() >= streamChunk) {
                stream();
            }
        } else if (buffered >= rowsPerCopy) {
            send();
        }
    }

    /** COPY's text format: a backslash, tab, newline or carriage return in a value is escaped by a backslash. */
    private void appendEscaped(String text) {
        int length = text.length();
        int plain = 0;
        while (plain < length && !special(text.charAt(plain))) {
            plain++;
        }
        rows.append(text, 0, plain);
        for (int i = plain; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Sends the rows still buffered (ending a streaming COPY); the number of rows written in all. */
    public long flush() {
        if (streaming) {
            if (buffered > 0) {
                stream();
            }
            if (open != null) {
                Stream finished = open;
                open = null;
                session.doWork(connection -> written += finished.end(connection));
            }
        } else {
            send();
        }
        return written;
    }

    /** Ends a streaming COPY that was not flushed (a failure half-way), so the connection can roll back. */
    @Override
    public void close() {
        if (open != null) {
            Stream abandoned = open;
            open = null;
            abandoned.cancel();
        }
    }

    /** One COPY of the rows buffered, opened, written and ended at once. */
    private void send() {
        if (buffered == 0) {
            return;
        }
        byte[] text = rows.toString().getBytes(StandardCharsets.UTF_8);
        session.flush(); // rows the copied ones refer to (a new parent, say) are written first
        session.doWork(connection -> {
            Stream copy = new Stream(connection, statement, table);
            try {
                copy.write(text);
                written += copy.end(connection);
            } finally {
                copy.cancel(); // only if it is still open: a write failed
            }
        });
        rows.setLength(0);
        buffered = 0;
    }

    private void stream() {
        if (open == null) {
            session.flush();
            session.doWork(connection -> open = new Stream(connection, statement, table));
        }
        open.write(rows.toString().getBytes(StandardCharsets.UTF_8));
        rows.setLength(0);
        buffered = 0;
    }

    /** Sets plan_cache_mode until the end of the transaction; the mode it replaces. */
    private static String planCacheMode(Connection connection, String mode) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement(
                "select current_setting('plan_cache_mode'), set_config('plan_cache_mode', ?, true)")) {
            set.setString(1, mode);
            try (ResultSet rs = set.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * An open COPY on the transaction's connection (the driver's own object, which outlives the pool's handle).
     * The foreign keys of the copied rows are checked row by row with a saved plan; under the services'
     * {@code plan_cache_mode=force_custom_plan} (commons config) each check would be planned again, which made a
     * COPY of 100,000 case rows take 4.1 s instead of 2.9 s. The COPY runs with the default mode, restored after
     * (a failed COPY aborts the transaction, which drops the setting with it).
     */
    private static final class Stream {
        private final String previousMode;
        private final org.postgresql.copy.CopyIn copy;
        private final String table;

        Stream(Connection jdbc, String statement, String table) throws SQLException {
            previousMode = planCacheMode(jdbc, "auto");
            copy = jdbc.unwrap(PGConnection.class).getCopyAPI().copyIn(statement);
            this.table = table;
            OPEN_ON_THIS_THREAD.set(this);
        }

        void write(byte[] rows) {
            try {
                copy.writeToCopy(rows, 0, rows.length);
            } catch (SQLException e) {
                throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
            }
        }

        long end(Connection jdbc) throws SQLException {
            OPEN_ON_THIS_THREAD.remove();
            long copied = copy.endCopy();
            planCacheMode(jdbc, previousMode);
            return copied;
        }

        void cancel() {
            OPEN_ON_THIS_THREAD.remove();
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                // the transaction rolls back anyway; the driver has ended the COPY
            }
        }
    }
}
