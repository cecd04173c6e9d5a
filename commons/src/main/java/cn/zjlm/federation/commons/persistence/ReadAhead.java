package cn.zjlm.federation.commons.persistence;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.query.SelectionQuery;
import org.jboss.logging.Logger;

/**
 * The entities of a query, read on a connection and a thread of their own a few batches ahead of the caller: for a
 * long pass over many rows while the transaction's connection is busy writing (a streaming {@link CopyIn}), so
 * reading, the caller's work and PostgreSQL's inserts run side by side. The rows are those committed when the query
 * starts (as a statement in a READ COMMITTED transaction sees them), read-only and not managed. Close it, so the
 * reader stops and gives its connection back.
 */
public final class ReadAhead<T> implements Iterator<T>, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReadAhead.class);
    private static final Object END = new Object();
    /** Batches read but not yet taken: bounds the memory held ahead of the caller. */
    private static final int BATCHES_AHEAD = 4;

    private final BlockingQueue<Object> batches = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private volatile boolean closed;
    private Iterator<T> current = Collections.emptyIterator();
    private boolean ended;

    private ReadAhead(SessionFactory sessions, DataSource dataSource, Class<T> type, String query,
            Map<String, Object> parameters, int batchSize) {
        reader = new Thread(() -> read(sessions, dataSource, type, query, parameters, batchSize),
                "read-ahead-" + type.getSimpleName());
        reader.setDaemon(true);
    }

    /** Starts reading {@code query} (HQL with named parameters), {@code batchSize} rows per fetch. */
    public static <T> ReadAhead<T> start(SessionFactory sessions, DataSource dataSource, Class<T> type, String query,
            Map<String, Object> parameters, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize);
        }
        ReadAhead<T> read = new ReadAhead<>(sessions, dataSource, type, query, parameters, batchSize);
        read.reader.start();
        return read;
    }

    private void read(SessionFactory sessions, DataSource dataSource, Class<T> type, String query,
            Map<String, Object> parameters, int batchSize) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // the driver fetches by batches only within a transaction
            connection.setReadOnly(true);
            Throwable failure = null;
            try (StatelessSession session = sessions.withStatelessOptions().connection(connection).openStatelessSession()) {
                SelectionQuery<T> select = session.createSelectionQuery(query, type).setFetchSize(batchSize);
                parameters.forEach(select::setParameter);
                try (ScrollableResults<T> rows = select.scroll(ScrollMode.FORWARD_ONLY)) {
                    List<T> batch = new ArrayList<>(batchSize);
                    while (!closed && rows.next()) {
                        batch.add(rows.get());
                        if (batch.size() == batchSize) {
                            hand(batch);
                            batch = new ArrayList<>(batchSize);
                        }
                    }
                    if (!batch.isEmpty()) {
                        hand(batch);
                    }
                }
            } catch (Throwable e) {
                failure = e;
            }
            try {
                connection.rollback();
            } catch (Exception e) { // a broken connection: the read's own failure says more
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            hand(failure == null ? END : failure);
        } catch (Throwable e) {
            hand(e);
        }
    }

    /** Puts a batch, the end or a failure in the queue, waiting for room unless the caller has closed. */
    private void hand(Object item) {
        try {
            while (!closed && !batches.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // the caller is busy; wait for it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (!current.hasNext() && !ended) {
            Object next;
            try {
                next = batches.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading ahead", e);
            }
            if (next == null) {
                if (!reader.isAlive() && batches.isEmpty()) { // it ended without saying so (never expected)
                    ended = true;
                    throw new IllegalStateException("the reader of " + reader.getName() + " stopped unexpectedly");
                }
            } else if (next == END) {
                ended = true;
            } else if (next instanceof Throwable failure) {
                ended = true;
                throw new IllegalStateException("reading ahead failed: " + failure.getMessage(), failure);
            } else {
                current = ((List<T>) next).iterator();
            }
        }
        return current.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    /** Stops the reader (if the caller stopped early) and waits for it to give its connection back. */
    @Override
    public void close() {
        closed = true;
        ended = true;
        batches.clear();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            LOG.warnf("%s has not stopped 30 s after it was closed; it stops at its next row", reader.getName());
        }
    }
}
